package io.intake.persistence;

import io.intake.bus.Addresses;
import io.intake.bus.Events;
import io.intake.bus.WorkItemUpdated.Changes;
import io.intake.bus.Failure;
import io.intake.enrichment.EnrichmentStore.Begin;
import io.intake.enrichment.EnrichmentStore.Begun;
import io.intake.enrichment.EnrichmentStore.Cleaned;
import io.intake.enrichment.EnrichmentStore.EmbeddedBatch;
import io.intake.enrichment.EnrichmentStore.FailedBatch;
import io.intake.enrichment.EnrichmentStore.FailedResult;
import io.intake.enrichment.EnrichmentStore.Ids;
import io.intake.enrichment.EnrichmentStore.IndexedBatch;
import io.intake.enrichment.EnrichmentStore.IndexedItem;
import io.intake.enrichment.EnrichmentStore.IndexedResult;
import io.intake.enrichment.EnrichmentStore.Merge;
import io.intake.enrichment.EnrichmentStore.Relation;
import io.intake.enrichment.EnrichmentStore.StaleQuery;
import io.intake.enrichment.EnrichmentStore.Stats;
import io.intake.enrichment.EnrichmentStore.Target;
import io.intake.enrichment.EnrichmentStore.Updated;
import io.intake.vectors.SavedProjection;
import io.intake.vectors.VectorStateClient.CoordinatesUpdate;
import io.intake.vectors.VectorStateClient.ChangesQuery;
import io.intake.vectors.VectorStateClient.Mark;
import io.intake.vectors.VectorStateClient.PackedPage;
import io.intake.vectors.VectorStateClient.Page;
import io.intake.vectors.VectorStateClient.PageQuery;
import io.intake.vectors.VectorStateClient.VectorQuery;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Owner of enrichment and vector state: a pass's claim and its whole result for a batch (cleaned
 * text, vector, coordinates, indexed state, merges, relations) in one transaction, stale and failed
 * items, vector pages and change markers for the index, 3D coordinates and the saved projection. Deployed on the
 * niced {@link io.intake.ops.BackgroundPool}, beside the enrichment coordinator, off the event loops.
 * Publishes what indexing changed (descriptions, semantic merges, related pairs, counts) after
 * the commit.
 */
public class EnrichmentStateVerticle extends StoreVerticle {

  @Override
  protected void register(EventBus bus) {
    EnrichmentRepository enrichment = new EnrichmentRepository(pool);
    serve(bus, Addresses.ENRICHMENT_BEGIN, Begin::fromJson,
        request -> enrichment.begin(request).map(items -> new Begun(items).toJson()));
    serve(bus, Addresses.ENRICHMENT_CLEANED, Cleaned::fromJson, request -> enrichment.cleaned(request).map(Updated::toJson));
    serve(bus, Addresses.ENRICHMENT_EMBEDDED, EmbeddedBatch::fromJson,
        request -> enrichment.embedded(request).map(Updated::toJson));
    serve(bus, Addresses.ENRICHMENT_INDEXED, IndexedBatch::fromJson,
        request -> enrichment.indexed(request).map(this::publishEnriched).map(IndexedResult::toJson));
    serve(bus, Addresses.ENRICHMENT_FAILED, FailedBatch::fromJson, request -> enrichment.failed(request).map(FailedResult::toJson));
    serve(bus, Addresses.ENRICHMENT_STALE, StaleQuery::fromJson, query -> enrichment.stale(query).map(Ids::toJson));
    serve(bus, Addresses.ENRICHMENT_STATS, body -> body, none -> enrichment.stats().map(Stats::toJson));
    VectorIndexRepository index = new VectorIndexRepository(pool);
    serve(bus, Addresses.VECTORS_PAGE, PageQuery::fromJson, query -> query.packed()
        ? index.page(query).map(PackedPage::toJson) : enrichment.vectorsPage(query).map(Page::toJson));
    serve(bus, Addresses.VECTORS_CHANGES, ChangesQuery::fromJson, query -> index.changes(query).map(PackedPage::toJson));
    serve(bus, Addresses.VECTORS_MARK, body -> body, none -> index.mark().map(Mark::toJson));
    serve(bus, Addresses.VECTOR_GET, VectorQuery::fromJson, query -> enrichment.vector(query).compose(v -> v == null
        ? Future.failedFuture(Failure.NOT_FOUND.exception("work item not found"))
        : Future.succeededFuture(v.toJson())));
    serve(bus, Addresses.COORDINATES_UPDATE, CoordinatesUpdate::fromJson,
        update -> enrichment.coordinates(update).map(Updated::toJson));
    // Nothing saved yet is an empty object.
    serve(bus, Addresses.PROJECTION_GET, body -> body,
        none -> enrichment.projection().map(saved -> saved == null ? new JsonObject() : saved.toJson()));
    serve(bus, Addresses.PROJECTION_SAVE, EnrichmentStateVerticle::projectionToSave,
        saved -> enrichment.saveProjection(saved).map(v -> new JsonObject().put("saved", true)));
  }

  private static SavedProjection projectionToSave(JsonObject body) {
    SavedProjection saved = SavedProjection.fromJson(body);
    if (saved == null) {
      throw new IllegalArgumentException("model, dimension, fitted_on, mean and components are required");
    }
    return saved;
  }

  /** Publishes what enrichment changed, after the commit. */
  private IndexedResult publishEnriched(IndexedResult result) {
    for (IndexedItem item : result.indexed()) {
      Events.workItemUpdated(vertx, item.id(), "enrichment", Changes.enriched(item.description(),
          new Changes.Point(item.coordinates().x(), item.coordinates().y(), item.coordinates().z())));
    }
    for (Merge merge : result.merges()) {
      Events.workItemUpdated(vertx, merge.id(), "merged", Changes.merged(
          new Changes.Merge("semantic", merge.into(), merge.score(), merge.model(), merge.threshold())));
    }
    for (Relation pair : result.related()) {
      // Both sides learn of the relation.
      Events.workItemUpdated(vertx, pair.id(), "related",
          Changes.related(new Changes.Related(pair.other(), pair.score())));
      Events.workItemUpdated(vertx, pair.other(), "related",
          Changes.related(new Changes.Related(pair.id(), pair.score())));
    }
    for (Target target : result.targets()) {
      Events.workItemUpdated(vertx, target.id(), "occurrence",
          Changes.occurrence(target.occurrenceCount(), target.lastSeenAt()));
    }
    return result;
  }
}
