package io.intake.http;

import io.intake.bus.Addresses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The monitoring service's endpoints (start, stop, status), answered by the simulator verticle (503 on a node without one). */
final class MonitoringHandlers {

  private final BusRequests bus;
  private final JsonBodies bodies;

  MonitoringHandlers(BusRequests bus, JsonBodies bodies) {
    this.bus = bus;
    this.bodies = bodies;
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
    bus.answer(ctx, Addresses.SIMULATOR_START, overrides);
  }

  void stop(RoutingContext ctx) {
    bus.answer(ctx, Addresses.SIMULATOR_STOP, new JsonObject());
  }

  void status(RoutingContext ctx) {
    bus.answer(ctx, Addresses.SIMULATOR_STATUS, new JsonObject());
  }
}
