package io.intake.http;

import io.intake.bus.Addresses;
import io.intake.enrichment.EnrichmentStore;
import io.intake.ops.BuildInfo;
import io.intake.ops.Freshness;
import io.intake.ops.RecentErrors;
import io.intake.ops.Drain;
import io.intake.ops.Liveness;
import io.intake.persistence.api.DatabasePing;
import io.intake.persistence.api.OutboxStats;
import io.intake.streams.StreamsClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Liveness (the process answers and has not lost a part it cannot work without, see
 * {@link Liveness}), readiness (it can take work: the database answers) and stats.
 * The Learner and the outbox are reported but do not gate readiness: outcomes wait durably in the
 * outbox while the Learner is away.
 */
final class HealthHandlers {

  private final BusRequests bus;
  private final StreamsClient streams;
  private final long startedAt = System.currentTimeMillis();

  /**
   * @param bus with the readiness timeout: a check that does not answer in time counts as down
   * @param streams the Kafka producer's face; null without Kafka (no {@code kafka} check is shown)
   */
  HealthHandlers(BusRequests bus, StreamsClient streams) {
    this.bus = bus;
    this.streams = streams;
  }

  void liveness(RoutingContext ctx) {
    String failure = Liveness.failure(ctx.vertx());
    if (failure != null) {
      Responses.json(ctx, 503, new JsonObject().put("status", "unhealthy").put("service", "intake").put("reason", failure));
      return;
    }
    // From memory only (Freshness, RecentErrors): liveness must answer while the database is away.
    JsonObject fresh = Freshness.snapshot(ctx.vertx());
    Responses.json(ctx, 200, new JsonObject()
        .put("status", "healthy")
        .put("service", "intake")
        .put("uptime", (System.currentTimeMillis() - startedAt) / 1000.0)
        .put("version", BuildInfo.version())
        .put("schema_version", fresh.getString("schema_version"))
        .put("model", fresh.getString("model"))
        .put("last_item_at", fresh.getString("last_item_at"))
        .put("errors_last_5m", RecentErrors.lastFiveMinutes(System.currentTimeMillis()))
        .put("freshness", new JsonObject()
            .put("last_item_by_source", fresh.getJsonObject("last_item_by_source"))
            .put("last_enrichment_at", fresh.getString("last_enrichment_at"))));
  }

  void readiness(RoutingContext ctx) {
    if (Drain.of(ctx.vertx()).draining()) {
      // First thing a shutdown does, so that load balancers stop sending before requests are refused.
      Responses.json(ctx, 503, new JsonObject().put("status", "not_ready").put("reason", "shutting down"));
      return;
    }
    Future<DatabasePing> ping = bus.workItems().ping();
    Future<JsonObject> outbox = bus.outcomes().stats().map(OutboxStats::toJson);
    Future<JsonObject> learner = ask(Addresses.LEARNER_STATUS);
    Future<JsonObject> watcher = ask(Addresses.WATCHER_STATUS);
    // The fallback keeps accepting while Kafka is away: reported, not gating readiness.
    Future<JsonObject> kafka = streams == null ? Future.succeededFuture() : streams.status();
    Future.join(List.of(ping, outbox, learner, watcher, kafka)).onComplete(all -> {
      boolean ready = ping.succeeded();
      JsonObject database = ready
          ? new JsonObject().put("status", "up").put("latency_ms", ping.result().latencyMs())
          : new JsonObject().put("status", "down").put("error", ErrorMapper.toApiError(ping.cause()).getMessage());
      JsonObject checks = new JsonObject()
          .put("database", database)
          .put("outbox", orUnknown(outbox))
          .put("learner", orUnknown(learner))
          .put("watcher", orUnknown(watcher));
      if (streams != null) {
        checks.put("kafka", orUnknown(kafka));
      }
      Responses.json(ctx, ready ? 200 : 503, new JsonObject()
          .put("status", ready ? "ready" : "not_ready")
          .put("checks", checks));
    });
  }

  void watcher(RoutingContext ctx) {
    bus.answer(ctx, Addresses.WATCHER_STATUS, new JsonObject());
  }

  void stats(RoutingContext ctx) {
    Future<JsonObject> outbox = bus.outcomes().stats().map(OutboxStats::toJson);
    Future<JsonObject> learner = ask(Addresses.LEARNER_STATUS);
    Future<JsonObject> enrichment = ask(Addresses.ENRICHMENT_STATUS);
    Future<JsonObject> unfinished = new EnrichmentStore(ctx.vertx().eventBus(), bus.options()).stats()
        .map(EnrichmentStore.Stats::toJson);
    Future<JsonObject> llm = ask(Addresses.LLM_STATUS);
    Future<JsonObject> embedding = ask(Addresses.EMBEDDING_STATUS);
    Future<JsonObject> vectors = ask(Addresses.VECTORS_STATUS);
    Future.join(List.of(outbox, learner, enrichment, unfinished, llm, embedding, vectors)).onComplete(all -> Responses.json(ctx, 200, new JsonObject()
        .put("uptime", (System.currentTimeMillis() - startedAt) / 1000.0)
        .put("outbox", orUnknown(outbox))
        .put("learner", orUnknown(learner))
        .put("enrichment", orUnknown(enrichment).put("database", orUnknown(unfinished)))
        .put("llm", orUnknown(llm))
        .put("embedding", orUnknown(embedding))
        .put("vectors", orUnknown(vectors))
        .put("ingest", IngestStats.snapshot())));
  }

  private Future<JsonObject> ask(String address) {
    return bus.request(address, new JsonObject());
  }

  private static JsonObject orUnknown(Future<JsonObject> answer) {
    return answer.succeeded() ? answer.result() : new JsonObject().put("status", "unknown");
  }
}
