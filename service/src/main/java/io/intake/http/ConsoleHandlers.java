package io.intake.http;

import io.intake.logs.MinedPattern;
import io.intake.logs.PatternsPage;
import io.intake.logs.PatternsQuery;
import io.intake.normalize.Fingerprint;
import io.intake.ops.BuildInfo;
import io.intake.persistence.api.ConsoleQuery;
import io.intake.persistence.api.WorkItemPage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Read-only JSON the operator console needs beyond the public API: the feed with
 * source, text search and sort; an item's outcomes with their Learner delivery state; the 3D map
 * points; log patterns with their history and the item each error pattern opened. Same keys and
 * error shape as the rest of the API (endpoint group ingest).
 */
final class ConsoleHandlers {

  static final int MAX_MAP_POINTS = 50_000;
  private static final Set<String> SORTS = Set.of("created_at", "last_seen_at", "severity", "occurrence_count",
      "service", "status");

  private final BusRequests bus;

  ConsoleHandlers(BusRequests bus) {
    this.bus = bus;
  }

  /** {@code GET /}: browsers go to the console; a JSON client gets what this service is. */
  void root(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    if (accept != null && accept.contains("application/json") && !accept.contains("text/html")) {
      Responses.json(ctx, 200, new JsonObject()
          .put("service", "intake")
          .put("version", BuildInfo.version())
          .put("console", "/ui/")
          .put("docs", "/docs")
          .put("openapi", "/openapi.json")
          .put("links", new JsonObject()
              .put("work_items", "/work-items")
              .put("health", "/healthz")
              .put("readiness", "/readyz")));
      return;
    }
    ctx.response().setStatusCode(302).putHeader("Location", "/ui/").end();
  }

  void list(RoutingContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    JsonObject query = filters(ctx, errors)
        .put("limit", QueryParams.intParam(ctx, "limit", 50, 1, WorkItemHandlers.MAX_LIMIT, errors))
        .put("offset", QueryParams.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE, errors));
    String sort = ctx.queryParams().get("sort");
    if (sort != null) {
      if (!SORTS.contains(sort)) {
        errors.add(new FieldError("sort", "enum", "must be one of " + String.join(", ", SORTS.stream().sorted().toList())));
      }
      query.put("sort", sort);
    }
    String order = ctx.queryParams().get("order");
    if (order != null) {
      if (!order.equals("asc") && !order.equals("desc")) {
        errors.add(new FieldError("order", "enum", "must be one of asc, desc"));
      }
      query.put("order", order);
    }
    if (!errors.isEmpty()) {
      throw ApiError.invalid(errors);
    }
    bus.answer(ctx, bus.workItems().consoleList(ConsoleQuery.listFromJson(query)).map(WorkItemPage::toJson));
  }

  void outcomes(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    // 404 for an unknown item, not an empty list that looks like "no outcomes yet".
    bus.workItems().get(id)
        .compose(item -> bus.outcomes().ofItem(id))
        .onSuccess(answer -> Responses.json(ctx, 200, answer))
        .onFailure(ctx::fail);
  }

  void map(RoutingContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    JsonObject query = filters(ctx, errors).put("limit", QueryParams.intParam(ctx, "limit", 20_000, 1, MAX_MAP_POINTS, errors));
    if (!errors.isEmpty()) {
      throw ApiError.invalid(errors);
    }
    bus.answer(ctx, bus.workItems().consoleMap(ConsoleQuery.mapFromJson(query)));
  }

  /** Top patterns (of one service or all) with history, and the open item of each error pattern. */
  void patterns(RoutingContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    int limit = QueryParams.intParam(ctx, "limit", 200, 1, 1000, errors);
    String service = ctx.queryParams().get("service");
    if (service != null && (service.isBlank() || service.length() > 200)) {
      errors.add(new FieldError("service", "maxLength", "must be 1 to 200 characters"));
    }
    if (!errors.isEmpty()) {
      throw ApiError.invalid(errors);
    }
    bus.answer(ctx, bus.patterns().list(new PatternsQuery(service, null, limit)).compose(this::withWorkItems));
  }

  /** The page as JSON, each error pattern with the item it opened (null when there is none yet). */
  private Future<JsonObject> withWorkItems(PatternsPage page) {
    // The same identity LogPatternNormalizer gives the item the pattern raised.
    List<String> fingerprints = new ArrayList<>(page.patterns().size());
    for (MinedPattern p : page.patterns()) {
      fingerprints.add(p.raisesItems() ? Fingerprint.of("logs", p.service(), p.patternId()) : null);
    }
    List<String> asked = fingerprints.stream().filter(Objects::nonNull).toList();
    if (asked.isEmpty()) {
      return Future.succeededFuture(page.toJson());
    }
    return bus.workItems().itemsByFingerprint(asked)
        .map(found -> {
          JsonObject items = found.getJsonObject("items", new JsonObject());
          JsonArray rows = new JsonArray(new ArrayList<>(page.patterns().size()));
          for (int i = 0; i < page.patterns().size(); i++) {
            JsonObject row = page.patterns().get(i).toJson();
            String fingerprint = fingerprints.get(i);
            if (fingerprint != null) {
              row.put("work_item", items.getJsonObject(fingerprint));
            }
            rows.add(row);
          }
          return page.withPatterns(rows);
        });
  }

  private static JsonObject filters(RoutingContext ctx, List<FieldError> errors) {
    JsonObject query = new JsonObject();
    QueryParams.text(ctx, "service", 200, query, errors);
    QueryParams.text(ctx, "source", 100, query, errors);
    QueryParams.text(ctx, "q", 200, query, errors);
    QueryParams.enumParam(ctx, "severity", WorkItemHandlers.SEVERITIES, query, errors);
    QueryParams.enumParam(ctx, "status", WorkItemHandlers.STATUSES, query, errors);
    return query;
  }
}
