package io.intake.vectors;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.weaviate.client.Config;
import io.weaviate.client.WeaviateClient;
import io.weaviate.client.base.Result;
import io.weaviate.client.base.http.builder.HttpApacheClientBuilder;
import io.weaviate.client.base.http.impl.CommonsHttpClientImpl;
import io.weaviate.client.v1.batch.api.ObjectsBatcher;
import io.weaviate.client.v1.batch.model.ObjectGetResponse;
import io.weaviate.client.v1.data.model.WeaviateObject;
import io.weaviate.client.v1.filters.WhereFilter;
import io.weaviate.client.v1.graphql.model.GraphQLError;
import io.weaviate.client.v1.graphql.model.GraphQLResponse;
import io.weaviate.client.v1.graphql.query.Get;
import io.weaviate.client.v1.graphql.query.argument.NearVectorArgument;
import io.weaviate.client.v1.graphql.query.fields.Field;
import io.weaviate.client.v1.misc.model.DistanceType;
import io.weaviate.client.v1.schema.model.WeaviateClass;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vector index kept in Weaviate, through the official blocking client over REST/GraphQL
 * (gRPC stays off). Every client call runs on a small worker pool of its own, never on an event
 * loop; each future completes on the context that made the call, and fails after {@code timeout}
 * even if the client is still waiting (the request may then still be applied by Weaviate).
 */
public final class WeaviateVectorStore implements VectorStore {

  public static final String DEFAULT_CLASS = "WorkItem";

  private static final Logger LOG = LoggerFactory.getLogger(WeaviateVectorStore.class);
  private static final Pattern CLASS_NAME = Pattern.compile("[A-Z][_0-9A-Za-z]*");
  private static final int WORKERS = 4;
  private static final int MAX_SEARCH_ROUNDS = 4;
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final Vertx vertx;
  private final String className;
  private final Duration timeout;
  private final CommonsHttpClientImpl http;
  private final WeaviateClient client;
  private final WorkerExecutor workers;
  private final ObjectsBatcher.BatchRetriesConfig noRetries;
  private final long drainMs;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Promise<Void> drained = Promise.promise();
  private volatile boolean closed;

  /**
   * @param url       the server's root, e.g. {@code http://weaviate:8080}
   * @param apiKey    sent as {@code Authorization: Bearer …}; null or blank for none
   * @param className null for {@value #DEFAULT_CLASS}
   * @param timeout   for each call; the client's own socket timeouts are this rounded up to seconds
   */
  public WeaviateVectorStore(Vertx vertx, String url, String apiKey, String className, Duration timeout) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.className = className == null ? DEFAULT_CLASS : className;
    if (!CLASS_NAME.matcher(this.className).matches()) {
      throw new IllegalArgumentException("Weaviate class names start with a capital letter: " + this.className);
    }
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    URI uri = URI.create(Objects.requireNonNull(url, "url"));
    if (uri.getScheme() == null || uri.getRawAuthority() == null) {
      throw new IllegalArgumentException("Weaviate url needs a scheme and a host: " + url);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    Map<String, String> headers = new LinkedHashMap<>();
    if (apiKey != null && !apiKey.isBlank()) {
      headers.put("Authorization", "Bearer " + apiKey);
    }
    int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    Config config = new Config(uri.getScheme(), uri.getRawAuthority() + path, headers, seconds, seconds, seconds);
    this.http = new CommonsHttpClientImpl(config.getHeaders(), HttpApacheClientBuilder.build(config));
    this.client = new WeaviateClient(config, http, null);
    // The batcher's retries would re-send, or GET every object after a timeout, long after our
    // own deadline: the caller decides about retrying instead.
    this.noRetries = ObjectsBatcher.BatchRetriesConfig.builder()
        .maxTimeoutRetries(0).maxConnectionRetries(0).retriesIntervalMs(1).build();
    // A call outlives its deadline until the client's socket timeout ends it: a metadata request
    // and the request itself.
    this.drainMs = 2L * seconds * 1000 + 500;
    this.workers = vertx.createSharedWorkerExecutor("intake-weaviate-" + POOLS.incrementAndGet(), WORKERS);
  }

  @Override
  public String kind() {
    return "weaviate";
  }

  @Override
  public Future<Void> start() {
    return call("start", () -> {
      Result<WeaviateClass> found = client.schema().classGetter().withClassName(className).run();
      // A missing class is a 404 with an empty body, which the client reports as no error and no class.
      if (found.hasErrors() && found.getError().getStatusCode() != 404) {
        throw WeaviateStoreException.of("schema get " + className, found.getError());
      }
      if (found.getResult() != null) {
        checkExisting(found.getResult());
        return null;
      }
      Result<Boolean> created = client.schema().classCreator()
          .withClass(WeaviateWorkItemClass.definition(className)).run();
      if (created.hasErrors()) {
        WeaviateStoreException failure = WeaviateStoreException.of("schema create " + className, created.getError());
        if (failure.getMessage().contains("already exists")) {
          return null; // another node created it between our two requests
        }
        throw failure;
      }
      if (!Boolean.TRUE.equals(created.getResult())) {
        throw new WeaviateStoreException(0, "weaviate schema create " + className + ": no confirmation in the answer");
      }
      LOG.info("created Weaviate class {} (vectorizer none, cosine distance)", className);
      return null;
    });
  }

  private void checkExisting(WeaviateClass existing) {
    String distance = WeaviateWorkItemClass.distance(existing);
    if (!DistanceType.COSINE.equals(distance)) {
      // Scores are 1 - cosine distance; any other distance would make them meaningless.
      throw new WeaviateStoreException(0, "weaviate class " + className + " uses distance " + distance
          + "; this store needs cosine");
    }
    List<String> missing = WeaviateWorkItemClass.missingProperties(existing);
    if (!missing.isEmpty()) {
      LOG.warn("Weaviate class {} lacks properties {}: auto-schema will guess their types", className, missing);
    }
  }

  @Override
  public Future<Void> upsert(List<VectorRecord> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<String, String> workItemIds = new LinkedHashMap<>();
    WeaviateObject[] objects = new WeaviateObject[records.size()];
    for (int i = 0; i < objects.length; i++) {
      VectorRecord r = records.get(i);
      String objectId = WeaviateWorkItemClass.objectId(r.id());
      workItemIds.put(objectId, r.id());
      objects[i] = WeaviateObject.builder()
          .id(objectId)
          .className(className)
          .properties(WeaviateWorkItemClass.properties(r))
          .vector(WeaviateWorkItemClass.boxed(r.vector()))
          .build();
    }
    return call("batch", () -> {
      Result<ObjectGetResponse[]> result = client.batch().objectsBatcher(noRetries).withObjects(objects).run();
      if (result.hasErrors()) {
        throw WeaviateStoreException.of("batch of " + objects.length, result.getError());
      }
      if (result.getResult() == null) {
        throw new WeaviateStoreException(0, "weaviate batch of " + objects.length + ": empty answer");
      }
      WeaviateStoreException refused = WeaviateStoreException.ofBatch(workItemIds, result.getResult());
      if (refused != null) {
        throw refused;
      }
      return null;
    });
  }

  @Override
  public Future<List<VectorMatch>> search(float[] vector, int k, VectorFilter filter) {
    Objects.requireNonNull(vector, "vector");
    VectorFilter f = filter == null ? VectorFilter.NONE : filter;
    if (k <= 0) {
      return Future.succeededFuture(List.of());
    }
    Get get = client.graphQL().get()
        .withClassName(className)
        .withFields(
            Field.builder().name(WeaviateWorkItemClass.WORK_ITEM_ID).build(),
            Field.builder().name(WeaviateWorkItemClass.CREATED_AT).build(),
            Field.builder().name("_additional").fields(new Field[] {
                Field.builder().name("id").build(), Field.builder().name("distance").build()}).build())
        .withNearVector(NearVectorArgument.builder().vector(WeaviateWorkItemClass.boxed(vector)).build());
    WhereFilter where = WeaviateWorkItemClass.where(f);
    if (where != null) {
      get.withWhere(where);
    }
    return call("search", () -> {
      int limit = k + f.excludeIds().size();
      for (int round = 1; ; round++) {
        Page page = page(get.withLimit(limit).run(), f);
        // A full page that lost items to the exact checks may hide accepted ones behind it.
        if (page.accepted().size() >= k || page.returned() < limit || round == MAX_SEARCH_ROUNDS) {
          List<VectorMatch> accepted = page.accepted();
          accepted.sort(Comparator.comparingDouble(VectorMatch::score).reversed());
          return List.copyOf(accepted.subList(0, Math.min(k, accepted.size())));
        }
        limit += page.returned() - page.accepted().size();
      }
    });
  }

  /** One answer of a search: the matches that passed the exact checks, and how many came back. */
  private record Page(List<VectorMatch> accepted, int returned) {
  }

  private Page page(Result<GraphQLResponse> result, VectorFilter filter) {
    if (result.hasErrors()) {
      throw WeaviateStoreException.of("search " + className, result.getError());
    }
    GraphQLResponse<?> response = result.getResult();
    if (response == null) {
      throw new WeaviateStoreException(0, "weaviate search " + className + ": empty answer");
    }
    if (response.getErrors() != null && response.getErrors().length > 0) {
      // GraphQL errors come back as HTTP 200 with an errors array.
      throw new WeaviateStoreException(200, "weaviate search " + className + ": " + Arrays.stream(response.getErrors())
          .map(GraphQLError::getMessage).collect(Collectors.joining("; ")));
    }
    Object items = response.getData() instanceof Map<?, ?> data && data.get("Get") instanceof Map<?, ?> get
        ? get.get(className) : null;
    if (!(items instanceof List<?> list)) {
      throw new WeaviateStoreException(200, "weaviate search " + className + ": no Get." + className + " in the answer");
    }
    List<VectorMatch> accepted = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> object)) {
        continue;
      }
      Object id = object.get(WeaviateWorkItemClass.WORK_ITEM_ID);
      if (!WeaviateWorkItemClass.stillAccepted(filter, id == null ? null : id.toString(),
          object.get(WeaviateWorkItemClass.CREATED_AT))) {
        continue;
      }
      Object distance = object.get("_additional") instanceof Map<?, ?> additional ? additional.get("distance") : null;
      if (!(distance instanceof Number d)) {
        throw new WeaviateStoreException(200, "weaviate search " + className + ": no distance for " + id);
      }
      accepted.add(new VectorMatch(id.toString(), 1.0 - d.doubleValue()));
    }
    return new Page(accepted, list.size());
  }

  @Override
  public Future<Void> updateStatus(String id, String status) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    String objectId = WeaviateWorkItemClass.objectId(id);
    return call("update status", () -> {
      Result<Boolean> result = client.data().updater()
          .withMerge()
          .withClassName(className)
          .withID(objectId)
          .withProperties(Map.of(WeaviateWorkItemClass.STATUS, status))
          .run();
      if (result.hasErrors()) {
        throw WeaviateStoreException.of("update status of " + id, result.getError());
      }
      if (!Boolean.TRUE.equals(result.getResult())) {
        // Weaviate answers a missing object with 404 and no body, which the client reports as "false".
        throw new WeaviateStoreException(404, "weaviate update status of " + id + ": no such object (" + objectId + ")");
      }
      return null;
    });
  }

  @Override
  public long size() {
    return -1;
  }

  /**
   * Refuses new calls, waits for those in flight to end (for at most two socket timeouts, since a
   * timed-out call still holds its worker until the client gives up), then releases the pool.
   */
  @Override
  public Future<Void> close() {
    closed = true;
    if (inFlight.get() == 0) {
      drained.tryComplete();
    } else {
      vertx.setTimer(drainMs, t -> drained.tryComplete());
    }
    return drained.future().compose(v -> workers.close()).andThen(ar -> {
      try {
        http.close();
      } catch (Exception e) {
        LOG.warn("closing the Weaviate client: {}", e.toString());
      }
    });
  }

  /**
   * Runs a blocking client call on the worker pool. Both the worker's result and the deadline
   * arrive on the caller's context, so the returned future completes there, whichever comes first.
   */
  private <T> Future<T> call(String action, Callable<T> blocking) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("weaviate " + action + ": the store is closed"));
    }
    inFlight.incrementAndGet();
    Promise<T> promise = Promise.promise();
    Context context = vertx.getOrCreateContext();
    if (Vertx.currentContext() == context) {
      begin(action, blocking, promise);
    } else {
      // Called from outside Vert.x: the timer and the worker must still report to one context.
      context.runOnContext(v -> begin(action, blocking, promise));
    }
    return promise.future();
  }

  private <T> void begin(String action, Callable<T> blocking, Promise<T> promise) {
    long timer = vertx.setTimer(timeout.toMillis(), t -> promise.tryFail(new TimeoutException(
        "weaviate " + action + ": no answer within " + timeout.toMillis() + " ms")));
    workers.<T>executeBlocking(blocking, false).onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        promise.tryComplete(ar.result());
      } else {
        promise.tryFail(ar.cause());
      }
      if (inFlight.decrementAndGet() == 0 && closed) {
        drained.tryComplete();
      }
    });
  }
}
