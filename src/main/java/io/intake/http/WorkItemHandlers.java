package io.intake.http;

import io.intake.bus.Addresses;
import io.intake.normalize.NormalizationVerticle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Seed 000's work-item resource: create (demo, manual), list, get, record outcome. */
final class WorkItemHandlers {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 100;
  private static final Set<String> SEVERITIES = Set.of("sev1", "sev2", "sev3", "sev4");
  private static final Set<String> STATUSES = Set.of("open", "assigned", "resolved", "duplicate");

  private final BusRequests bus;
  private final JsonBodies bodies;

  WorkItemHandlers(BusRequests bus, JsonBodies bodies) {
    this.bus = bus;
    this.bodies = bodies;
  }

  void createDemo(RoutingContext ctx) {
    create(ctx, "demo", "demo-work-item");
  }

  void createManual(RoutingContext ctx) {
    create(ctx, "manual", "manual-work-item");
  }

  private void create(RoutingContext ctx, String source, String schema) {
    String body = ctx.body().asString();
    bodies.parse(body, schema);
    normalize(source, body).onSuccess(saved -> {
      boolean merged = saved.getBoolean("merged", false);
      JsonObject answer = new JsonObject()
          .put("work_item_id", saved.getString("work_item_id"))
          .put("created_at", saved.getString("created_at"))
          .put("message", merged
              ? "Repeat of an open WorkItem; occurrence recorded"
              : "WorkItem created successfully");
      if (merged) {
        answer.put("occurrence_count", saved.getInteger("occurrence_count"));
      }
      Responses.json(ctx, merged ? 200 : 201, answer);
    }).onFailure(ctx::fail);
  }

  /** Hands a validated source payload to normalization, which persists it before answering. */
  Future<JsonObject> normalize(String source, String body) {
    DeliveryOptions options = bus.options().addHeader(NormalizationVerticle.SOURCE_HEADER, source);
    return bus.request(Addresses.NORMALIZE, body, options);
  }

  void list(RoutingContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    JsonObject query = new JsonObject()
        .put("limit", intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, errors))
        .put("offset", intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE, errors));
    String service = ctx.queryParams().get("service");
    if (service != null) {
      if (service.isBlank() || service.length() > 200) {
        errors.add(new FieldError("service", "maxLength", "must be 1 to 200 characters"));
      }
      query.put("service", service);
    }
    enumParam(ctx, "severity", SEVERITIES, query, errors);
    enumParam(ctx, "status", STATUSES, query, errors);
    if (!errors.isEmpty()) {
      throw ApiError.invalid(errors);
    }
    bus.answer(ctx, Addresses.WORK_ITEM_LIST, query);
  }

  void get(RoutingContext ctx) {
    bus.request(Addresses.WORK_ITEM_GET, new JsonObject().put("id", ctx.pathParam("id")))
        .onSuccess(item -> Responses.json(ctx, 200, item.put("links", links(item.getString("id")))))
        .onFailure(ctx::fail);
  }

  void recordOutcome(RoutingContext ctx) {
    JsonObject outcome = new JsonObject(bodies.parse(ctx.body().asString(), "outcome").toString());
    outcome.getMap().values().removeIf(Objects::isNull);
    JsonObject command = new JsonObject().put("work_item_id", ctx.pathParam("id")).put("outcome", outcome);
    bus.request(Addresses.OUTCOME_RECORD, command).onSuccess(recorded -> Responses.json(ctx, 200, new JsonObject()
        .put("outcome_id", recorded.getString("outcome_id"))
        .put("event_id", recorded.getString("event_id"))
        .put("processed", true)
        .put("message", "Outcome recorded and forwarded to Learner")
        // Delivery happens from the durable outbox, after this answer.
        .put("learner_delivery", "queued")
        .put("work_item_status", recorded.getString("status"))))
        .onFailure(ctx::fail);
  }

  private static JsonObject links(String id) {
    return new JsonObject()
        .put("self", "/work-items/" + id)
        .put("outcome", "/work-items/" + id + "/outcome")
        .put("similar", "/work-items/" + id + "/similar");
  }

  private static int intParam(RoutingContext ctx, String name, int fallback, int min, int max, List<FieldError> errors) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.strip());
      if (value < min) {
        errors.add(new FieldError(name, "minimum", "must be at least " + min));
      } else if (value > max) {
        errors.add(new FieldError(name, "maximum", "must be at most " + max));
      }
      return value;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(name, "type", "must be an integer"));
      return fallback;
    }
  }

  private static void enumParam(RoutingContext ctx, String name, Set<String> allowed, JsonObject query,
      List<FieldError> errors) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return;
    }
    if (!allowed.contains(raw)) {
      errors.add(new FieldError(name, "enum", "must be one of " + String.join(", ", allowed.stream().sorted().toList())));
    }
    query.put(name, raw);
  }
}
