package io.intake.http;

import io.intake.embedding.EmbeddableText;
import io.intake.llm.RulesCleaner;
import io.intake.persistence.api.WorkItemSummary;
import io.intake.vectors.SearchRequest;
import io.intake.vectors.SearchResult;
import io.intake.vectors.VectorMatch;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Similarity over the vector index: items like a stored item ({@code GET /work-items/:id/similar})
 * and items like a text ({@code POST /search}). Answers list work-item summaries with a cosine
 * score, best first.
 */
final class SimilarityHandlers {

  static final int DEFAULT_K = SearchRequest.DEFAULT_K;
  static final int MAX_K = 100;

  private final BusRequests bus;
  private final JsonBodies bodies;

  SimilarityHandlers(BusRequests bus, JsonBodies bodies) {
    this.bus = bus;
    this.bodies = bodies;
  }

  void similar(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    int k = k(ctx);
    // The item's read and the index search go out together (one round trip less on the path);
    // an unknown id is still 404 whatever the index holds: the item's answer decides first.
    Future<?> item = bus.workItems().get(id);
    Future<SearchResult> found = bus.vectors().search(new SearchRequest(id, null, null, null, null, null, k));
    item.compose(known -> found)
        .compose(this::withItems)
        .onSuccess(results -> Responses.json(ctx, 200, new JsonObject()
            .put("work_item_id", id).put("k", k).put("model", results.model()).put("results", results.results())))
        .onFailure(ctx::fail);
  }

  void search(RoutingContext ctx) {
    JsonObject body = new JsonObject(bodies.parse(ctx.body().asString(), "search").toString());
    body.getMap().values().removeIf(java.util.Objects::isNull);
    SearchRequest request = SearchRequest.fromJson(body);
    // What the index embeds is the rules-cleaned text; one with nothing to embed is the client's error.
    if (!EmbeddableText.hasContent(RulesCleaner.clean(request.text()))) {
      throw ApiError.invalid("text", EmbeddableText.RULE, EmbeddableText.MESSAGE);
    }
    int k = request.k();
    bus.vectors().search(request)
        .compose(this::withItems)
        .onSuccess(results -> Responses.json(ctx, 200, new JsonObject()
            .put("text", request.text()).put("k", k).put("model", results.model()).put("results", results.results())))
        .onFailure(ctx::fail);
  }

  /** The index's model and the matches joined with their items ({@code [{score, work_item}]}). */
  private record Results(String model, JsonArray results) {
  }

  /** Joins the matches with the items' summaries, keeping the score order. */
  private Future<Results> withItems(SearchResult found) {
    List<String> ids = found.matches().stream().map(VectorMatch::id).toList();
    if (ids.isEmpty()) {
      return Future.succeededFuture(new Results(found.model(), new JsonArray()));
    }
    return bus.workItems().getMany(ids).map(items -> {
      Map<String, WorkItemSummary> byId = new HashMap<>();
      items.forEach(item -> byId.put(item.id(), item));
      JsonArray results = new JsonArray();
      for (VectorMatch match : found.matches()) {
        WorkItemSummary item = byId.get(match.id());
        if (item != null) {
          results.add(new JsonObject().put("score", Math.round(match.score() * 10000) / 10000.0)
              .put("work_item", item.toJson()));
        }
      }
      return new Results(found.model(), results);
    });
  }

  private static int k(RoutingContext ctx) {
    List<String> raw = ctx.queryParam("k");
    if (raw.isEmpty()) {
      return DEFAULT_K;
    }
    try {
      int k = Integer.parseInt(raw.get(0).strip());
      if (k < 1 || k > MAX_K) {
        throw ApiError.invalid(List.of(new FieldError("k", k < 1 ? "minimum" : "maximum",
            "must be between 1 and " + MAX_K)));
      }
      return k;
    } catch (NumberFormatException e) {
      throw ApiError.invalid(List.of(new FieldError("k", "type", "must be an integer")));
    }
  }
}
