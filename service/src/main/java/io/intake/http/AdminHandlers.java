package io.intake.http;

import io.intake.persistence.api.OutboxListing;
import io.intake.persistence.api.ReplayedEntry;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** Operator endpoints: the outcome outbox's dead letters, and replaying them. */
final class AdminHandlers {

  private static final Set<String> OUTBOX_STATUSES = Set.of("pending", "dead", "delivered");

  private final BusRequests bus;

  AdminHandlers(BusRequests bus) {
    this.bus = bus;
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
    bus.answer(ctx, bus.outcomes().list(status, limit).map(OutboxListing::toJson));
  }

  /** {@code POST /admin/outbox/:id/replay}: a dead letter goes back to pending, attempts reset. */
  void replay(RoutingContext ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new ApiError(404, "not_found", "outbox entry not found");
    }
    bus.answer(ctx, bus.outcomes().replay(id).map(ReplayedEntry::toJson));
  }
}
