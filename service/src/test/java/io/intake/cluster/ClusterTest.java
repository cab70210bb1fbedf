package io.intake.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.intake.MainVerticle;
import io.intake.fakes.FakeLlm;
import io.intake.support.IntakeProcess;
import io.intake.support.Http;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members of one Hazelcast cluster on loopback, sharing one PostgreSQL:
 * <ul>
 *   <li>A, in this JVM: roles {@code http} and {@code normalization};</li>
 *   <li>B, a separate process ({@code intake serve --cluster}) so it can be SIGKILLed: persistence,
 *   learner, llm, embedding, vectors, enrichment, patterns;</li>
 *   <li>C, in this JVM: no Intake roles, only an outside consumer of the published events.</li>
 * </ul>
 * The tests run in order: an item through A to B and C; B killed; B started again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final long BUS_TIMEOUT_MS = 5000; // http.bus_timeout_ms as shipped

  @TempDir
  static Path dir;

  private static Vertx tools; // not clustered: the HTTP client and the fake LLM
  private static Vertx nodeA;
  private static Vertx nodeC;
  private static IntakeProcess nodeB;
  private static FakeLlm llm;
  private static Http http;
  private static String databaseUrl;
  private static final EventRecorder events = new EventRecorder();
  private static final List<String> acknowledged = new CopyOnWriteArrayList<>();
  private static final List<String> unfinishedAtKill = new ArrayList<>();
  private static volatile long memberRemovedAt;
  private static final Map<String, Object> measured = new LinkedHashMap<>();

  @RegisterExtension
  static final TestWatcher PRINT_NODE_B_ON_FAILURE = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      printNodeB();
    }
  };

  /** Stands for a Decision service joined to the cluster: it knows only the address strings. */
  static final class EventRecorder extends AbstractVerticle {
    final Map<String, JsonObject> created = new ConcurrentHashMap<>();
    final List<JsonObject> updated = new CopyOnWriteArrayList<>();

    @Override
    public void start(Promise<Void> started) {
      MessageConsumer<JsonObject> c = vertx.eventBus().consumer("workitem.created",
          m -> created.put(m.body().getJsonObject("work_item").getString("id"), m.body()));
      MessageConsumer<JsonObject> u = vertx.eventBus().consumer("workitem.updated", m -> updated.add(m.body()));
      // Deployed only once both registrations have reached the whole cluster.
      Promise<Void> createdRegistered = Promise.promise();
      Promise<Void> updatedRegistered = Promise.promise();
      c.completionHandler(createdRegistered);
      u.completionHandler(updatedRegistered);
      Future.all(createdRegistered.future(), updatedRegistered.future()).<Void>mapEmpty().onComplete(started);
    }

    boolean updated(String id, String cause) {
      return updated.stream().anyMatch(e -> id.equals(e.getString("work_item_id")) && cause.equals(e.getString("cause")));
    }
  }

  @BeforeAll
  static void startCluster() {
    try {
      databaseUrl = TestPostgres.newDatabase();
      tools = Vertx.vertx();
      llm = new FakeLlm(tools).start();
      int[] hazelcast = {TestApp.freePort(), TestApp.freePort(), TestApp.freePort()};
      JsonArray members = new JsonArray();
      for (int port : hazelcast) {
        members.add("127.0.0.1:" + port);
      }

      long started = System.nanoTime();
      nodeA = TestApp.await(ClusterMember.join(ClusterSettings.from(cluster(hazelcast[0], members))));
      measured.put("join_a_first_member_ms", msSince(started));
      hazelcastOf(nodeA).getCluster().addMembershipListener(new MembershipListener() {
        @Override
        public void memberAdded(MembershipEvent event) {
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
          memberRemovedAt = System.nanoTime();
        }
      });
      int httpPort = TestApp.freePort();
      TestApp.deploy(nodeA, httpPort, new JsonObject().put("verticles", new JsonArray().add("http").add("normalization")));
      http = new Http(tools, httpPort);

      assertThat(System.getProperty("java.class.path")).as("the test classpath, for node B").contains("classes");
      started = System.nanoTime();
      nodeB = IntakeProcess.configure(dir, "node-b", nodeBOverrides(hazelcast[1], members)).start();

      long joining = System.nanoTime();
      nodeC = TestApp.await(ClusterMember.join(ClusterSettings.from(cluster(hazelcast[2], members))));
      measured.put("join_c_ms", msSince(joining));
      TestApp.await(nodeC.deployVerticle(events));

      // B is up when A's readiness check reaches its persistence.
      TestApp.eventually(DEADLINE, () -> http.get("/readyz").statusCode() == 200);
      measured.put("b_process_start_to_ready_ms", msSince(started));
      measured.put("b_join", nodeB.lineOfLatestRun("joined cluster"));
    } catch (RuntimeException | Error e) {
      printNodeB();
      throw e;
    }
  }

  private static JsonObject cluster(int hazelcastPort, JsonArray members) {
    return new JsonObject()
        .put("enabled", true)
        .put("name", "intake-cluster-test")
        .put("host", "127.0.0.1")
        .put("hazelcast_port", hazelcastPort)
        .put("port_auto_increment", false) // the member list names exactly these ports
        .put("members", members.copy());
  }

  private static JsonObject nodeBOverrides(int hazelcastPort, JsonArray members) {
    return new JsonObject()
        .put("verticles", new JsonArray(List.of("persistence", "learner", "llm", "embedding", "vectors", "enrichment", "patterns")))
        .put("cluster", cluster(hazelcastPort, members))
        .put("database", new JsonObject().put("url", databaseUrl))
        .put("llm", new JsonObject().put("api_key", "test-key").put("base_url", llm.baseUrl()).put("max_retries", 0))
        .put("vectors", new JsonObject().put("dedup", new JsonObject().put("enabled", false)))
        .put("simulator", new JsonObject().put("auto_start", false));
  }

  @Test
  @Order(1)
  void an_item_posted_to_a_is_stored_and_enriched_by_b_and_seen_by_a_third_member() {
    String id = post("Payment API answers HTTP 502 for card authorizations");

    assertThat(count("SELECT count(*) FROM work_items WHERE id = '" + id + "'")).isEqualTo(1);
    HttpResponse<Buffer> read = http.get("/work-items/" + id);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.bodyAsJsonObject().getString("service")).isEqualTo("payment-service");

    TestApp.eventually(DEADLINE, () -> "indexed".equals(enrichmentState(id)));
    JsonObject item = http.get("/work-items/" + id).bodyAsJsonObject();
    assertThat(item.getInteger("embedding_dim")).isEqualTo(384);
    assertThat(item.getString("description_source")).as("cleaned by B's LLM verticle").isEqualTo("llm");

    TestApp.eventually(DEADLINE, () -> events.created.containsKey(id) && events.updated(id, "enrichment"));
    JsonObject created = events.created.get(id);
    assertThat(created.getInteger("event_version")).isEqualTo(1);
    assertThat(created.getJsonObject("work_item").getString("service")).isEqualTo("payment-service");
  }

  @Test
  @Order(2)
  void a_second_member_with_the_in_memory_index_is_refused() {
    Throwable refused = TestApp.await(nodeC.deployVerticle(new MainVerticle(), new DeploymentOptions()
            .setConfig(new JsonObject().put("overrides", new JsonObject().put("verticles", new JsonArray().add("vectors")))))
        .<Throwable>map(id -> null).otherwise(error -> error));
    assertThat(refused).as("deploying vectors next to B's").isNotNull().hasMessageContaining("already runs on another cluster member");
  }

  @Test
  @Order(3)
  void when_b_dies_a_keeps_answering_and_nothing_acknowledged_is_lost() {
    // The LLM stalls, so these are acknowledged (stored) but not enriched when B dies.
    llm.slowMs(120_000);
    llm.mode(FakeLlm.Mode.SLOW);
    for (int shard = 1; shard <= 5; shard++) {
      unfinishedAtKill.add(post("Checkout latency above 2 s on shard " + shard));
    }

    nodeB.kill();
    long killed = System.nanoTime();

    boolean memberStillListed = memberRemovedAt == 0; // Hazelcast has not removed B yet: its consumers still count
    long before = System.nanoTime();
    HttpResponse<Buffer> refused = http.postJson("/ingest/demo", demo("Queue depth growing on orders"));
    long firstMs = msSince(before);
    assertThat(refused.statusCode()).isEqualTo(503);
    JsonObject error = refused.bodyAsJsonObject();
    assertThat(error.getString("error")).isEqualTo("service_unavailable");
    assertThat(error.getString("message")).isNotBlank();
    assertThat(error.getString("correlation_id")).isEqualTo(refused.getHeader("x-correlation-id"));
    assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
    assertThat(firstMs).as("503 well before the %d ms bus timeout", BUS_TIMEOUT_MS).isLessThan(BUS_TIMEOUT_MS / 4);

    assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    before = System.nanoTime();
    assertThat(http.get("/readyz").statusCode()).isEqualTo(503);
    long readyzMs = msSince(before);
    long worstMs = 0;
    for (int i = 0; i < 5; i++) {
      before = System.nanoTime();
      assertThat(http.postJson("/ingest/demo", demo("Queue depth growing on orders")).statusCode()).isEqualTo(503);
      worstMs = Math.max(worstMs, msSince(before));
    }
    assertThat(worstMs).isLessThan(BUS_TIMEOUT_MS / 4);
    TestApp.eventually(Duration.ofSeconds(15), () -> memberRemovedAt != 0);

    measured.put("first_503_after_sigkill_ms", firstMs);
    measured.put("b_still_a_member_when_first_post_sent", memberStillListed);
    measured.put("readyz_503_ms", readyzMs);
    measured.put("worst_of_next_5_posts_ms", worstMs);
    measured.put("hazelcast_removed_b_after_sigkill_ms", (memberRemovedAt - killed) / 1_000_000);

    // Every 201 was committed before it was sent.
    assertThat(count("SELECT count(*) FROM work_items WHERE id IN (" + quoted(acknowledged) + ")")).isEqualTo(acknowledged.size());
    assertThat(count("SELECT count(*) FROM work_items WHERE enrichment_state <> 'indexed' AND id IN ("
        + quoted(unfinishedAtKill) + ")")).isEqualTo(unfinishedAtKill.size());
  }

  @Test
  @Order(4)
  void a_restarted_b_takes_work_again_and_finishes_what_was_unfinished() {
    llm.mode(FakeLlm.Mode.OK);
    long started = System.nanoTime();
    nodeB.start();
    TestApp.eventually(DEADLINE, () -> http.get("/readyz").statusCode() == 200);
    measured.put("b_restart_to_ready_ms", msSince(started));

    String id = post("Search index rebuild stuck at 40 %");
    TestApp.eventually(DEADLINE, () -> count("SELECT count(*) FROM work_items WHERE enrichment_state = 'indexed' AND id IN ("
        + quoted(unfinishedAtKill) + ")") == unfinishedAtKill.size());
    measured.put("b_restart_to_unfinished_indexed_ms", msSince(started));
    TestApp.eventually(DEADLINE, () -> "indexed".equals(enrichmentState(id)));
    assertThat(events.created).containsKey(id);
    assertThat(count("SELECT count(*) FROM work_items WHERE id IN (" + quoted(acknowledged) + ")")).isEqualTo(acknowledged.size());
  }

  @AfterAll
  static void stopCluster() {
    if (nodeB != null) {
      nodeB.kill();
    }
    if (http != null) {
      http.close();
    }
    List<Future<Void>> closing = new ArrayList<>();
    for (Vertx vertx : new Vertx[] {nodeA, nodeC}) {
      if (vertx != null) {
        closing.add(vertx.close());
      }
    }
    try {
      Future.join(new ArrayList<>(closing)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.out.println("cluster members did not close cleanly: " + e);
    }
    if (tools != null) {
      tools.close();
    }
    System.out.println("ClusterTest measured: " + new JsonObject(new LinkedHashMap<>(measured)).encodePrettily());
  }

  private static void printNodeB() {
    System.out.println("node B output:\n" + (nodeB == null ? "(not started)" : nodeB.tail(60)));
  }

  private static String post(String description) {
    HttpResponse<Buffer> response = http.postJson("/ingest/demo", demo(description));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    String id = response.bodyAsJsonObject().getString("work_item_id");
    acknowledged.add(id);
    return id;
  }

  private static JsonObject demo(String description) {
    return new JsonObject().put("service", "payment-service").put("severity", "sev2").put("description", description);
  }

  private static String enrichmentState(String id) {
    JsonObject item = http.get("/work-items/" + id).bodyAsJsonObject();
    return item.getJsonObject("enrichment") == null ? null : item.getJsonObject("enrichment").getString("state");
  }

  private static long count(String sql) {
    return TestPostgres.query(databaseUrl, sql, rows -> rows.next() ? rows.getLong(1) : -1);
  }

  private static String quoted(List<String> ids) {
    return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
  }

  private static long msSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static com.hazelcast.core.HazelcastInstance hazelcastOf(Vertx vertx) {
    return ((HazelcastClusterManager) ((VertxInternal) vertx).getClusterManager()).getHazelcastInstance();
  }
}
