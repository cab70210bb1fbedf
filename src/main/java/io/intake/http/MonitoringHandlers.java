package io.intake.http;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Seed 000's monitoring endpoints, answered by the simulator verticle (503 on a node without one). */
final class MonitoringHandlers {

  private final Vertx vertx;
  private final JsonBodies bodies;
  private final long busTimeoutMs;

  MonitoringHandlers(Vertx vertx, JsonBodies bodies, long busTimeoutMs) {
    this.vertx = vertx;
    this.bodies = bodies;
    this.busTimeoutMs = busTimeoutMs;
  }

  /** The body is optional (the seed's curl sends none); when present it must be JSON overrides. */
  void start(RoutingContext ctx) {
    String body = ctx.body().asString();
    JsonObject overrides = new JsonObject();
    if (body != null && !body.isBlank()) {
      String type = ctx.request().getHeader("Content-Type");
      if (type == null || !type.toLowerCase().startsWith("application/json")) {
        throw ErrorMapper.forStatus(415);
      }
      overrides = new JsonObject(bodies.parse(body, "monitoring-start").toString());
    }
    ask(ctx, Addresses.SIMULATOR_START, overrides);
  }

  void stop(RoutingContext ctx) {
    ask(ctx, Addresses.SIMULATOR_STOP, new JsonObject());
  }

  void status(RoutingContext ctx) {
    ask(ctx, Addresses.SIMULATOR_STATUS, new JsonObject());
  }

  private void ask(RoutingContext ctx, String address, JsonObject body) {
    vertx.eventBus().<JsonObject>request(address, body, Correlation.options().setSendTimeout(busTimeoutMs))
        .map(Message::body)
        .onSuccess(answer -> Responses.json(ctx, 200, answer))
        .onFailure(ctx::fail);
  }
}
