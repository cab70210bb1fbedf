package io.intake.persistence;

import io.intake.bus.Addresses;
import io.intake.bus.Events;
import io.intake.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Owner of enrichment and vector state: each stage's result for a whole batch in one statement,
 * stale and failed items, vector pages for the index, 3D coordinates and the saved projection.
 * Publishes what indexing changed (descriptions, semantic merges, related pairs, counts) after
 * the commit.
 */
public class EnrichmentStateVerticle extends StoreVerticle {

  @Override
  protected void register(EventBus bus) {
    EnrichmentRepository enrichment = new EnrichmentRepository(pool);
    serve(bus, Addresses.ENRICHMENT_BEGIN, m -> answer(m, enrichment.begin(m.body().getJsonArray("ids"))));
    serve(bus, Addresses.ENRICHMENT_CLEANED, m -> answer(m, enrichment.cleaned(m.body())));
    serve(bus, Addresses.ENRICHMENT_EMBEDDED, m -> answer(m, enrichment.embedded(m.body())));
    serve(bus, Addresses.ENRICHMENT_INDEXED, m -> answer(m, enrichment.indexed(m.body()).map(this::publishEnriched)));
    serve(bus, Addresses.ENRICHMENT_FAILED, m -> answer(m, enrichment.failed(m.body())));
    serve(bus, Addresses.ENRICHMENT_STALE, m -> answer(m,
        enrichment.stale(m.body().getDouble("older_than_seconds", 60.0), m.body().getInteger("limit", 500))));
    serve(bus, Addresses.ENRICHMENT_STATS, m -> answer(m, enrichment.stats()));
    serve(bus, Addresses.VECTORS_PAGE, m -> answer(m,
        enrichment.vectorsPage(m.body().getString("after_id"), m.body().getInteger("limit", 1000))));
    serve(bus, Addresses.VECTOR_GET, m -> answer(m, enrichment.vector(m.body().getString("id"))
        .compose(v -> v == null ? Future.failedFuture(Failure.NOT_FOUND.exception("work item not found")) : Future.succeededFuture(v))));
    serve(bus, Addresses.COORDINATES_UPDATE, m -> answer(m, enrichment.coordinates(m.body())));
    serve(bus, Addresses.PROJECTION_GET, m -> answer(m, enrichment.projection()));
    serve(bus, Addresses.PROJECTION_SAVE, m -> answer(m, enrichment.saveProjection(m.body())));
  }

  /** Publishes what enrichment changed, after the commit. */
  private JsonObject publishEnriched(JsonObject result) {
    for (Object o : result.getJsonArray("indexed")) {
      JsonObject item = (JsonObject) o;
      Events.workItemUpdated(vertx, item.getString("id"), "enrichment", new JsonObject()
          .put("enrichment_state", "indexed")
          .put("description", item.getString("description"))
          .put("embedding_3d", item.getJsonObject("embedding_3d")));
    }
    for (Object o : result.getJsonArray("merges")) {
      JsonObject merge = (JsonObject) o;
      Events.workItemUpdated(vertx, merge.getString("id"), "merged", new JsonObject()
          .put("merged_into", merge.getString("into"))
          .put("merge", new JsonObject().put("kind", "semantic").put("into", merge.getString("into"))
              .put("score", merge.getDouble("score")).put("model", merge.getString("model"))
              .put("threshold", merge.getDouble("threshold"))));
    }
    for (Object o : result.getJsonArray("related")) {
      JsonObject pair = (JsonObject) o;
      // Both sides learn of the relation.
      Events.workItemUpdated(vertx, pair.getString("id"), "related", new JsonObject()
          .put("related", new JsonObject().put("id", pair.getString("other")).put("score", pair.getDouble("score"))));
      Events.workItemUpdated(vertx, pair.getString("other"), "related", new JsonObject()
          .put("related", new JsonObject().put("id", pair.getString("id")).put("score", pair.getDouble("score"))));
    }
    for (Object o : result.getJsonArray("targets")) {
      JsonObject target = (JsonObject) o;
      Events.workItemUpdated(vertx, target.getString("id"), "occurrence", new JsonObject()
          .put("occurrence_count", target.getInteger("occurrence_count"))
          .put("last_seen_at", target.getString("last_seen_at")));
    }
    return result;
  }
}
