package io.intake.http;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** Operator endpoints: the outcome outbox's dead letters, and replaying them. */
final class AdminHandlers {

  private static final Set<String> OUTBOX_STATUSES = Set.of("pending", "dead", "delivered");

  private final Vertx vertx;
  private final long busTimeoutMs;

  AdminHandlers(Vertx vertx, long busTimeoutMs) {
    this.vertx = vertx;
    this.busTimeoutMs = busTimeoutMs;
  }

  /** {@code GET /admin/outbox?status=dead&limit=50}, oldest first. */
  void listOutbox(RoutingContext ctx) {
    String status = ctx.queryParams().get("status") == null ? "dead" : ctx.queryParams().get("status");
    if (!OUTBOX_STATUSES.contains(status)) {
      throw ApiError.invalid("status", "enum", "must be one of dead, delivered, pending");
    }
    int limit;
    try {
      limit = ctx.queryParams().get("limit") == null ? 50 : Integer.parseInt(ctx.queryParams().get("limit"));
    } catch (NumberFormatException e) {
      throw ApiError.invalid("limit", "type", "must be an integer");
    }
    if (limit < 1 || limit > 500) {
      throw ApiError.invalid("limit", limit < 1 ? "minimum" : "maximum", "must be 1 to 500");
    }
    request(Addresses.OUTBOX_LIST, new JsonObject().put("status", status).put("limit", limit), ctx);
  }

  /** {@code POST /admin/outbox/:id/replay}: a dead letter goes back to pending, attempts reset. */
  void replay(RoutingContext ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new ApiError(404, "not_found", "outbox entry not found");
    }
    request(Addresses.OUTBOX_REPLAY, new JsonObject().put("id", id), ctx);
  }

  private void request(String address, JsonObject body, RoutingContext ctx) {
    vertx.eventBus().<JsonObject>request(address, body, Correlation.options().setSendTimeout(busTimeoutMs))
        .map(Message::body)
        .onSuccess(answer -> Responses.json(ctx, 200, answer))
        .onFailure(ctx::fail);
  }
}
