package io.intake.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intake.support.TestApp;
import io.intake.vectors.FakeWeaviate.Mode;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Weaviate store against {@link FakeWeaviate}, a real HTTP server speaking the REST and
 * GraphQL the official client uses, so every call goes through the client's own code.
 */
@ExtendWith(VertxExtension.class)
class WeaviateVectorStoreTest {

  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
  private static final float[] QUERY = {1f, 0f, 0f, 0f};

  private static final VectorRecord A = item("wi_a", "payments", "open", T0, 1f, 0f, 0f, 0f);
  private static final VectorRecord B = item("wi_b", "payments-api", "open", T0.plusSeconds(3600).plusMillis(200), 0.9f, 0.1f, 0f, 0f);
  private static final VectorRecord C = item("wi_c", "payments", "resolved", T0.plusSeconds(7200), 0.5f, 0.5f, 0f, 0f);
  private static final VectorRecord D = item("wi_d", "checkout", "open", T0.plusSeconds(10800), 0f, 1f, 0f, 0f);
  private static final VectorRecord E = item("wi_e", "payments", "open", T0.plusSeconds(14400), -1f, 0f, 0f, 0f);
  private static final List<VectorRecord> ALL = List.of(A, B, C, D, E);

  private FakeWeaviate fake;
  private WeaviateVectorStore store;

  @BeforeEach
  void setUp(Vertx vertx) {
    fake = new FakeWeaviate(vertx).start();
    store = new WeaviateVectorStore(vertx, fake.url(), null, null, Duration.ofSeconds(5));
  }

  @AfterEach
  void tearDown() {
    TestApp.await(store.close());
    fake.stop();
  }

  private static VectorRecord item(String id, String service, String status, Instant createdAt, float... vector) {
    return new VectorRecord(id, service, "sev2", status, createdAt, "description of " + id, "all-minilm-l6-v2-q", vector);
  }

  private static <T> T await(Future<T> future) {
    return TestApp.await(future);
  }

  /** The failure of a future that must fail, waiting at most 30 s. */
  private static Throwable failureOf(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("no outcome within 30 s", e);
    }
    throw new AssertionError("expected a failure, got success");
  }

  private static List<String> ids(List<VectorMatch> matches) {
    return matches.stream().map(VectorMatch::id).toList();
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  private void loadAll() {
    await(store.start());
    await(store.upsert(ALL));
  }

  // ---- 1. schema

  @Test
  void startCreatesTheClassOnceWithNoVectorizerCosineAndOurProperties(Vertx vertx) {
    await(store.start());
    await(store.start());
    WeaviateVectorStore otherNode = new WeaviateVectorStore(vertx, fake.url(), null, "WorkItem", Duration.ofSeconds(5));
    await(otherNode.start());
    await(otherNode.close());

    assertThat(fake.count("POST /v1/schema")).isEqualTo(1);
    assertThat(fake.count("GET /v1/schema/WorkItem")).isEqualTo(3);
    JsonObject created = fake.schemaClass("WorkItem");
    assertThat(created.getString("vectorizer")).isEqualTo("none");
    assertThat(created.getJsonObject("vectorIndexConfig").getString("distance")).isEqualTo("cosine");
    Map<String, String> types = new HashMap<>();
    for (Object p : created.getJsonArray("properties")) {
      JsonObject property = (JsonObject) p;
      types.put(property.getString("name"), property.getJsonArray("dataType").getString(0));
    }
    assertThat(types).containsOnly(
        Map.entry("work_item_id", "text"), Map.entry("description", "text"), Map.entry("service", "text"),
        Map.entry("severity", "text"), Map.entry("status", "text"), Map.entry("created_at", "date"),
        Map.entry("embedding_model", "text"));
  }

  @Test
  void twoNodesStartingTogetherBothSucceedThoughOneCreateIsRefused(Vertx vertx) {
    WeaviateVectorStore otherNode = new WeaviateVectorStore(vertx, fake.url(), null, null, Duration.ofSeconds(5));
    // Late answers: both nodes see the class missing before either one's create arrives.
    fake.slowMs(300);
    fake.mode(Mode.SLOW);

    await(Future.all(store.start(), otherNode.start()));

    assertThat(fake.count("POST /v1/schema")).isEqualTo(2); // the second was answered 422 "already exists"
    assertThat(fake.schemaClass("WorkItem")).isNotNull();
    await(otherNode.close());
  }

  @Test
  void startRefusesAnExistingClassWhoseDistanceIsNotCosine() {
    fake.putClass(new JsonObject().put("class", "WorkItem")
        .put("vectorIndexConfig", new JsonObject().put("distance", "l2-squared"))
        .put("properties", new JsonArray()));

    Throwable failure = failureOf(store.start());

    assertThat(failure).isInstanceOf(WeaviateStoreException.class).hasMessageContaining("l2-squared");
    assertThat(fake.count("POST /v1/schema")).isZero();
  }

  // ---- 2. upsert and search

  @Test
  void upsertStoresTheVectorUnderAStableUuidAndKeepsTheWorkItemId() {
    loadAll();

    JsonObject stored = fake.objects.stored("WorkItem", WeaviateWorkItemClass.objectId("wi_b"));
    assertThat(stored.getJsonObject("properties").getString("work_item_id")).isEqualTo("wi_b");
    assertThat(stored.getJsonObject("properties").getString("service")).isEqualTo("payments-api");
    assertThat(stored.getJsonObject("properties").getString("created_at")).isEqualTo("2024-03-01T11:00:00.200Z");
    assertThat(stored.getJsonArray("vector").getList()).containsExactly(0.9, 0.1, 0.0, 0.0);
    assertThat(fake.count("POST /v1/batch/objects")).isEqualTo(1);
  }

  @Test
  void searchReturnsTheNearestFirstWithCosineSimilarityScores() {
    loadAll();

    List<VectorMatch> matches = await(store.search(QUERY, 3, VectorFilter.NONE));

    assertThat(ids(matches)).containsExactly("wi_a", "wi_b", "wi_c");
    assertThat(matches.get(0).score()).isCloseTo(1.0, within(1e-5));
    assertThat(matches.get(1).score()).isCloseTo(cosine(QUERY, B.vector()), within(1e-5));
    assertThat(matches.get(2).score()).isCloseTo(cosine(QUERY, C.vector()), within(1e-5));
    List<VectorMatch> everything = await(store.search(QUERY, 10, VectorFilter.NONE));
    assertThat(ids(everything)).containsExactly("wi_a", "wi_b", "wi_c", "wi_d", "wi_e");
    assertThat(everything.get(4).score()).isCloseTo(-1.0, within(1e-5));
  }

  @Test
  void upsertReplacesARecordWithTheSameWorkItemId() {
    loadAll();

    await(store.upsert(List.of(item("wi_e", "payments", "open", T0, 1f, 0.05f, 0f, 0f))));

    List<VectorMatch> matches = await(store.search(QUERY, 10, VectorFilter.NONE));
    assertThat(ids(matches)).containsExactly("wi_a", "wi_e", "wi_b", "wi_c", "wi_d");
    assertThat(fake.objects.size("WorkItem")).isEqualTo(5);
  }

  @Test
  void filtersOnServiceSeverityStatusAndCreatedAfter() {
    loadAll();

    // field tokenization: "payments" does not match "payments-api"
    assertThat(ids(await(store.search(QUERY, 10, new VectorFilter("payments", null, null, null, Set.of())))))
        .containsExactly("wi_a", "wi_c", "wi_e");
    assertThat(ids(await(store.search(QUERY, 10, new VectorFilter(null, null, Set.of("open"), null, Set.of())))))
        .containsExactly("wi_a", "wi_b", "wi_d", "wi_e");
    assertThat(ids(await(store.search(QUERY, 10, new VectorFilter("payments", "sev2", Set.of("open"), null, Set.of())))))
        .containsExactly("wi_a", "wi_e");
    assertThat(ids(await(store.search(QUERY, 10, new VectorFilter(null, "sev1", null, null, Set.of()))))).isEmpty();
    // Several statuses (what semantic dedup asks: open or assigned) become an Or of Equals.
    assertThat(ids(await(store.search(QUERY, 10, new VectorFilter(null, null, Set.of("open", "resolved"), null, Set.of())))))
        .hasSize(5);
    assertThat(fake.queries().get(fake.queries().size() - 1)).contains("operator:Or");
    assertThat(ids(await(store.search(QUERY, 2, new VectorFilter(null, null, null, B.createdAt(), Set.of())))))
        .containsExactly("wi_b", "wi_c");
    // Weaviate only sees the second (the client drops milliseconds); the store drops wi_b itself.
    Instant justAfterB = B.createdAt().plusMillis(300);
    assertThat(ids(await(store.search(QUERY, 2, new VectorFilter(null, null, null, justAfterB, Set.of())))))
        .containsExactly("wi_c", "wi_d");
    assertThat(fake.queries().get(fake.queries().size() - 1)).contains("valueDate:\"2024-03-01T11:00:00+00:00\"");
    // The page of 2 lost wi_b to that check, so the store asked again for one more.
    assertThat(fake.queries().get(fake.queries().size() - 2)).contains("limit:2");
    assertThat(fake.queries().get(fake.queries().size() - 1)).contains("limit:3");
  }

  @Test
  void excludedIdsAreDroppedAndKResultsStillReturned() {
    loadAll();

    List<VectorMatch> matches = await(store.search(QUERY, 2, new VectorFilter(null, null, null, null, Set.of("wi_a"))));

    assertThat(ids(matches)).containsExactly("wi_b", "wi_c");
    assertThat(fake.queries().get(fake.queries().size() - 1)).contains("limit:3");
  }

  @Test
  void updateStatusChangesWhatAStatusFilterReturns() {
    loadAll();
    VectorFilter resolved = new VectorFilter(null, null, Set.of("resolved"), null, Set.of());
    assertThat(ids(await(store.search(QUERY, 10, resolved)))).containsExactly("wi_c");

    await(store.updateStatus("wi_a", "resolved"));
    await(store.updateStatus("wi_c", "open"));

    assertThat(ids(await(store.search(QUERY, 10, resolved)))).containsExactly("wi_a");
    assertThat(fake.count("PATCH /v1/objects/WorkItem/" + WeaviateWorkItemClass.objectId("wi_a"))).isEqualTo(1);
    JsonObject a = fake.objects.stored("WorkItem", WeaviateWorkItemClass.objectId("wi_a"));
    assertThat(a.getJsonObject("properties").getString("service")).isEqualTo("payments"); // merged, not replaced
    assertThat(a.getJsonArray("vector").size()).isEqualTo(4);
  }

  @Test
  void updateStatusOfAnUnknownItemFails() {
    loadAll();

    Throwable failure = failureOf(store.updateStatus("wi_nobody", "resolved"));

    assertThat(failure).isInstanceOf(WeaviateStoreException.class).hasMessageContaining("wi_nobody")
        .hasMessageContaining("no such object");
    assertThat(((WeaviateStoreException) failure).status()).isEqualTo(404);
  }

  // ---- 3. failures

  @Test
  void refusedObjectsFailTheUpsertNamingTheirIdsAndWeaviatesReasons() {
    loadAll();
    fake.refuse("wi_x", "invalid text property 'service' on class 'WorkItem': not a string, but float64");
    VectorRecord fine = item("wi_y", "payments", "open", T0, 0f, 0f, 1f, 0f);
    VectorRecord refused = item("wi_x", "payments", "open", T0, 0f, 0f, 0f, 1f);
    VectorRecord shortVector = item("wi_z", "payments", "open", T0, 1f, 1f, 1f);

    Throwable failure = failureOf(store.upsert(List.of(fine, refused, shortVector)));

    assertThat(failure).isInstanceOf(WeaviateStoreException.class)
        .hasMessageStartingWith("weaviate batch: 2 of 3 objects refused: ")
        .hasMessageContaining("wi_x: invalid text property 'service' on class 'WorkItem'")
        .hasMessageContaining("wi_z: new node has a vector with length 3. Existing nodes have vectors with length 4")
        .hasMessageNotContaining("wi_y");
    assertThat(((WeaviateStoreException) failure).status()).isEqualTo(422);
  }

  @Test
  void serverErrorsFailEveryCallAndCallsSucceedAgainAfterRecovery() {
    loadAll();
    fake.mode(Mode.FAIL);

    for (Future<?> call : List.of(store.start(), store.upsert(List.of(A)), store.search(QUERY, 3, VectorFilter.NONE),
        store.updateStatus("wi_a", "resolved"))) {
      Throwable failure = failureOf(call);
      assertThat(failure).isInstanceOf(WeaviateStoreException.class)
          .hasMessageContaining("HTTP 500")
          .hasMessageContaining("fake weaviate: injected internal error");
      assertThat(((WeaviateStoreException) failure).status()).isEqualTo(500);
    }

    fake.mode(Mode.OK);
    await(store.upsert(List.of(A)));
    assertThat(ids(await(store.search(QUERY, 1, VectorFilter.NONE)))).containsExactly("wi_a");
  }

  @Test
  void graphQlErrorsFailTheSearch() {
    loadAll();

    Throwable failure = failureOf(store.search(new float[] {1f, 0f, 0f}, 3, VectorFilter.NONE));

    assertThat(failure).isInstanceOf(WeaviateStoreException.class)
        .hasMessageContaining("weaviate search WorkItem: ")
        .hasMessageContaining("vector lengths don't match: 3 vs 4");
  }

  @Test
  void slowServerFailsWithinTheTimeoutWithoutBlockingTheEventLoopThenRecovers(Vertx vertx, VertxTestContext testContext) {
    loadAll(); // the first calls in a JVM load the client's classes, which alone can take 500 ms
    WeaviateVectorStore quick = new WeaviateVectorStore(vertx, fake.url(), null, null, Duration.ofMillis(500));
    fake.slowMs(3000);
    fake.mode(Mode.SLOW);
    Context context = vertx.getOrCreateContext();
    AtomicInteger ticks = new AtomicInteger();

    context.runOnContext(v -> {
      long started = System.nanoTime();
      long periodic = vertx.setPeriodic(50, id -> ticks.incrementAndGet());
      quick.search(QUERY, 1, VectorFilter.NONE).onComplete(ar -> {
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        vertx.cancelTimer(periodic);
        testContext.verify(() -> {
          assertThat(ar.failed()).isTrue();
          assertThat(ar.cause()).isInstanceOf(TimeoutException.class).hasMessageContaining("within 500 ms");
          assertThat(elapsedMs).isBetween(450L, 1500L);
          assertThat(ticks.get()).as("timer ticks on the caller's event loop meanwhile").isGreaterThanOrEqualTo(5);
        });
        fake.mode(Mode.OK);
        quick.search(QUERY, 1, VectorFilter.NONE)
            .eventually(x -> quick.close())
            .onComplete(testContext.succeeding(matches -> testContext.verify(() -> {
              assertThat(ids(matches)).containsExactly("wi_a");
              testContext.completeNow();
            })));
      });
    });
  }

  @Test
  void slowBatchFailsWithinTheTimeout(Vertx vertx) {
    loadAll();
    WeaviateVectorStore quick = new WeaviateVectorStore(vertx, fake.url(), null, null, Duration.ofMillis(500));
    fake.slowMs(2500);
    fake.mode(Mode.SLOW);

    long started = System.nanoTime();
    Throwable failure = failureOf(quick.upsert(List.of(A, B)));

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(450L, 1500L);
    assertThat(failure).isInstanceOf(TimeoutException.class).hasMessageContaining("weaviate batch");
    fake.mode(Mode.OK);
    await(quick.upsert(List.of(C)));
    await(quick.close());
  }

  @Test
  void refusedConnectionsFailAndCallsSucceedOnceWeaviateIsBack() {
    loadAll();
    fake.stop();

    Throwable failure = failureOf(store.upsert(List.of(A)));

    assertThat(failure).isInstanceOf(WeaviateStoreException.class).hasMessageContaining("no answer");
    assertThat(failure.getMessage().toLowerCase()).contains("refused");
    assertThat(((WeaviateStoreException) failure).status()).isZero();
    fake.start();
    await(store.upsert(List.of(A)));
    assertThat(ids(await(store.search(QUERY, 1, VectorFilter.NONE)))).containsExactly("wi_a");
  }

  @Test
  void apiKeyIsSentAsABearerToken(Vertx vertx) {
    fake.requireApiKey("s3cret");

    Throwable anonymous = failureOf(store.start());
    assertThat(anonymous).isInstanceOf(WeaviateStoreException.class)
        .hasMessageContaining("HTTP 401").hasMessageContaining("anonymous access not enabled");
    WeaviateVectorStore wrongKey = new WeaviateVectorStore(vertx, fake.url(), "guess", null, Duration.ofSeconds(5));
    assertThat(failureOf(wrongKey.start())).hasMessageContaining("invalid api key");
    await(wrongKey.close());

    WeaviateVectorStore keyed = new WeaviateVectorStore(vertx, fake.url(), "s3cret", null, Duration.ofSeconds(5));
    await(keyed.start());
    await(keyed.upsert(List.of(A)));
    assertThat(ids(await(keyed.search(QUERY, 1, VectorFilter.NONE)))).containsExactly("wi_a");
    await(keyed.close());
  }

  @Test
  void closeLetsCallsInFlightFinishAndRefusesNewOnes(Vertx vertx) {
    loadAll();
    WeaviateVectorStore closing = new WeaviateVectorStore(vertx, fake.url(), null, null, Duration.ofSeconds(5));
    fake.slowMs(800);
    fake.mode(Mode.SLOW);
    List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

    Future<List<VectorMatch>> search = closing.search(QUERY, 1, VectorFilter.NONE).andThen(ar -> order.add("search"));
    Future<Void> closed = closing.close().andThen(ar -> order.add("close"));

    assertThat(ids(await(search))).containsExactly("wi_a");
    await(closed);
    assertThat(order).containsExactly("search", "close");
    assertThat(failureOf(closing.search(QUERY, 1, VectorFilter.NONE))).hasMessageContaining("the store is closed");
  }

  // ---- 4. contexts

  @Test
  void futuresCompleteOnTheCallersContext(Vertx vertx, VertxTestContext testContext) {
    Context caller = vertx.getOrCreateContext();
    Checkpoint steps = testContext.checkpoint(5);

    caller.runOnContext(v -> store.start()
        .andThen(ar -> onCaller(testContext, caller, ar, true, steps))
        .compose(x -> store.upsert(ALL))
        .andThen(ar -> onCaller(testContext, caller, ar, true, steps))
        .compose(x -> store.search(QUERY, 2, VectorFilter.NONE))
        .andThen(ar -> onCaller(testContext, caller, ar, true, steps))
        .compose(x -> store.updateStatus("wi_a", "resolved"))
        .andThen(ar -> onCaller(testContext, caller, ar, true, steps))
        .compose(x -> store.updateStatus("wi_nobody", "resolved"))
        .onComplete(ar -> onCaller(testContext, caller, ar, false, steps)));
  }

  private static void onCaller(VertxTestContext testContext, Context caller, AsyncResult<?> ar, boolean succeeded,
      Checkpoint steps) {
    testContext.verify(() -> {
      assertThat(ar.succeeded()).as("outcome %s", ar.cause()).isEqualTo(succeeded);
      assertThat(Vertx.currentContext()).isSameAs(caller);
      assertThat(Context.isOnEventLoopThread()).isTrue();
      steps.flag();
    });
  }
}
