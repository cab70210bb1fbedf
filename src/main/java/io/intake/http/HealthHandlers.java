package io.intake.http;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.ops.BuildInfo;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Liveness (the process answers) and readiness (it can do its job: the database answers). */
final class HealthHandlers {

  private final Vertx vertx;
  private final long readinessTimeoutMs;
  private final long startedAt = System.currentTimeMillis();

  HealthHandlers(Vertx vertx, long readinessTimeoutMs) {
    this.vertx = vertx;
    this.readinessTimeoutMs = readinessTimeoutMs;
  }

  void liveness(RoutingContext ctx) {
    Responses.json(ctx, 200, new JsonObject()
        .put("status", "healthy")
        .put("service", "intake")
        .put("uptime", (System.currentTimeMillis() - startedAt) / 1000.0)
        .put("version", BuildInfo.version()));
  }

  void readiness(RoutingContext ctx) {
    vertx.eventBus().<JsonObject>request(Addresses.DATABASE_PING, new JsonObject(),
            Correlation.options().setSendTimeout(readinessTimeoutMs))
        .onComplete(ping -> {
          JsonObject database = ping.succeeded()
              ? new JsonObject().put("status", "up").put("latency_ms", ping.result().body().getDouble("latency_ms"))
              : new JsonObject().put("status", "down").put("error", ErrorMapper.toApiError(ping.cause()).getMessage());
          boolean ready = ping.succeeded();
          Responses.json(ctx, ready ? 200 : 503, new JsonObject()
              .put("status", ready ? "ready" : "not_ready")
              .put("checks", new JsonObject().put("database", database)));
        });
  }
}
