package io.intake.http;

import io.intake.persistence.api.MergesView;
import io.intake.persistence.api.OutcomeCommand;
import io.intake.persistence.api.SplitRequest;
import io.intake.persistence.api.SplitsQuery;
import io.intake.persistence.api.WorkItemPage;
import io.intake.persistence.api.WorkItemQuery;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The work-item resource: list, get, merges, split, record outcome (creation is a source: {@link SourceHandlers}). */
final class WorkItemHandlers {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 100;
  static final Set<String> SEVERITIES = Set.of("sev1", "sev2", "sev3", "sev4");
  // The seed's statuses; being merged into another item is a separate filter (merged, merged_into).
  static final Set<String> STATUSES = Set.of("open", "assigned", "resolved");
  private static final Set<String> BOOLEANS = Set.of("true", "false");

  private final BusRequests bus;
  private final JsonBodies bodies;

  WorkItemHandlers(BusRequests bus, JsonBodies bodies) {
    this.bus = bus;
    this.bodies = bodies;
  }

  void list(RoutingContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    JsonObject query = new JsonObject()
        .put("limit", QueryParams.intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, errors))
        .put("offset", QueryParams.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE, errors));
    String service = ctx.queryParams().get("service");
    if (service != null) {
      if (service.isBlank() || service.length() > 200) {
        errors.add(new FieldError("service", "maxLength", "must be 1 to 200 characters"));
      }
      query.put("service", service);
    }
    QueryParams.enumParam(ctx, "severity", SEVERITIES, query, errors);
    QueryParams.enumParam(ctx, "status", STATUSES, query, errors);
    JsonObject merged = new JsonObject();
    QueryParams.enumParam(ctx, "merged", BOOLEANS, merged, errors);
    if (merged.getString("merged") != null) {
      query.put("merged", Boolean.parseBoolean(merged.getString("merged")));
    }
    QueryParams.idParam(ctx, "merged_into", query, errors);
    QueryParams.idParam(ctx, "related_to", query, errors);
    if (!errors.isEmpty()) {
      throw ApiError.invalid(errors);
    }
    bus.answer(ctx, bus.workItems().list(WorkItemQuery.fromJson(query)).map(WorkItemPage::toJson));
  }

  /** What was folded into an item: identity repeats (summarised) and semantic merges (listed). */
  void merges(RoutingContext ctx) {
    bus.answer(ctx, bus.workItems().merges(ctx.pathParam("id")).map(MergesView::toJson));
  }

  /** Undoes the semantic merge of an item; the optional body names who decided and why. */
  void split(RoutingContext ctx) {
    String body = ctx.body() == null ? null : ctx.body().asString();
    String actorId = null;
    String reason = null;
    if (body != null && !body.isBlank()) {
      String type = ctx.request().getHeader("Content-Type");
      if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
        throw new ApiError(415, "unsupported_media_type", "a split body must be application/json (or empty)");
      }
      JsonObject given = new JsonObject(bodies.parse(body, "split").toString());
      actorId = given.getString("actor_id");
      reason = given.getString("reason");
    }
    bus.workItems().split(new SplitRequest(ctx.pathParam("id"), actorId, reason))
        .onSuccess(split -> Responses.json(ctx, 200,
            split.toJson().put("message", "Merge undone; the item is its own again")))
        .onFailure(ctx::fail);
  }

  /** Split decisions as labelled negative pairs: JSON pages, or CSV in the labelled-pairs format. */
  void splits(RoutingContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    int limit = QueryParams.intParam(ctx, "limit", MAX_LIMIT, 1, 1000, errors);
    String afterRaw = ctx.queryParams().get("after");
    long after = 0;
    if (afterRaw != null) {
      try {
        after = Long.parseLong(afterRaw.strip());
        if (after < 0) {
          errors.add(new FieldError("after", "minimum", "must be at least 0"));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("after", "type", "must be an integer"));
      }
    }
    String format = ctx.queryParams().get("format");
    if (format != null && !format.equals("json") && !format.equals("csv")) {
      errors.add(new FieldError("format", "enum", "must be one of csv, json"));
    }
    if (!errors.isEmpty()) {
      throw ApiError.invalid(errors);
    }
    bus.workItems().splits(new SplitsQuery(after, limit))
        .onSuccess(page -> {
          if (!"csv".equals(format)) {
            Responses.json(ctx, 200, page.toJson());
            return;
          }
          ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
              .end(SplitCsv.of(page.splits()));
        })
        .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    bus.workItems().get(id)
        .onSuccess(detail -> Responses.json(ctx, 200, detail.toJson().put("links", links(id))))
        .onFailure(ctx::fail);
  }

  void recordOutcome(RoutingContext ctx) {
    JsonObject outcome = new JsonObject(bodies.parse(ctx.body().asString(), "outcome").toString());
    outcome.getMap().values().removeIf(Objects::isNull);
    bus.outcomes().record(OutcomeCommand.of(ctx.pathParam("id"), outcome)).onSuccess(recorded -> Responses.json(ctx, 200, new JsonObject()
        .put("outcome_id", recorded.outcomeId())
        .put("event_id", recorded.eventId())
        .put("processed", true)
        .put("message", "Outcome recorded and forwarded to Learner")
        // Delivery happens from the durable outbox, after this answer.
        .put("learner_delivery", "queued")
        .put("work_item_status", recorded.status())))
        .onFailure(ctx::fail);
  }

  private static JsonObject links(String id) {
    return new JsonObject()
        .put("self", "/work-items/" + id)
        .put("outcome", "/work-items/" + id + "/outcome")
        .put("merges", "/work-items/" + id + "/merges")
        .put("split", "/work-items/" + id + "/split")
        .put("related", "/work-items?related_to=" + id)
        .put("similar", "/work-items/" + id + "/similar");
  }
}
