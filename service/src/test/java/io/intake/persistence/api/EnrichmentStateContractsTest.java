package io.intake.persistence.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intake.bus.Addresses;
import io.intake.bus.Failure;
import io.intake.enrichment.EnrichmentItem;
import io.intake.enrichment.EnrichmentState;
import io.intake.enrichment.EnrichmentStore;
import io.intake.enrichment.EnrichmentStore.Attempt;
import io.intake.enrichment.EnrichmentStore.Begin;
import io.intake.enrichment.EnrichmentStore.Begun;
import io.intake.enrichment.EnrichmentStore.Cleaned;
import io.intake.enrichment.EnrichmentStore.Embedded;
import io.intake.enrichment.EnrichmentStore.EmbeddedBatch;
import io.intake.enrichment.EnrichmentStore.FailedBatch;
import io.intake.enrichment.EnrichmentStore.FailedResult;
import io.intake.enrichment.EnrichmentStore.Ids;
import io.intake.enrichment.EnrichmentStore.IndexedBatch;
import io.intake.enrichment.EnrichmentStore.IndexedItem;
import io.intake.enrichment.EnrichmentStore.IndexedResult;
import io.intake.enrichment.EnrichmentStore.Merge;
import io.intake.enrichment.EnrichmentStore.Recorded;
import io.intake.enrichment.EnrichmentStore.Relation;
import io.intake.enrichment.EnrichmentStore.StaleQuery;
import io.intake.enrichment.EnrichmentStore.Stats;
import io.intake.enrichment.EnrichmentStore.Target;
import io.intake.enrichment.EnrichmentStore.Updated;
import io.intake.llm.CleanResult;
import io.intake.support.OwnerContracts;
import io.intake.support.TestApp;
import io.intake.vectors.Coordinates;
import io.intake.vectors.Projection;
import io.intake.vectors.SavedProjection;
import io.intake.vectors.VectorStateClient;
import io.intake.vectors.VectorStateClient.CoordinatesUpdate;
import io.intake.vectors.VectorStateClient.PageQuery;
import io.intake.vectors.VectorStateClient.StoredVector;
import io.intake.vectors.VectorStateClient.VectorQuery;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The enrichment-state owner's records: each survives the wire (JSON text between members, bytes
 * as base64) with today's field names, and a body the owner cannot decode is answered INVALID.
 */
class EnrichmentStateContractsTest extends OwnerContracts {

  @Test
  void stage_requests_survive_the_wire_with_todays_names() {
    Begin begin = new Begin(List.of("wi_1", "wi_2"));
    assertThat(begin.toJson()).isEqualTo(new JsonObject().put("ids", new JsonArray().add("wi_1").add("wi_2")));
    assertThat(Begin.fromJson(wire(begin.toJson()))).isEqualTo(begin);

    Cleaned cleaned = new Cleaned(List.of(CleanResult.llm("wi_1", "disk full", "m1")));
    assertThat(Cleaned.fromJson(wire(cleaned.toJson()))).isEqualTo(cleaned);

    byte[] vector = {1, 2, 3, 4};
    JsonObject embedded = new EmbeddedBatch("mini", 1, List.of(
        new Embedded("wi_1", vector, CleanResult.rules("wi_1", "disk full", null)),
        new Embedded("wi_2", vector, null))).toJson();
    assertThat(embedded.getJsonArray("items").getJsonObject(0).fieldNames())
        .containsExactlyInAnyOrder("id", "embedding", "description", "source", "model");
    assertThat(embedded.getJsonArray("items").getJsonObject(1).fieldNames()).containsExactlyInAnyOrder("id", "embedding");
    EmbeddedBatch back = EmbeddedBatch.fromJson(wire(embedded));
    assertThat(back.model()).isEqualTo("mini");
    assertThat(back.dimension()).isEqualTo(1);
    assertThat(back.items().get(0).embedding()).containsExactly(vector);
    assertThat(back.items().get(0).cleanedNow().description()).isEqualTo("disk full");
    assertThat(back.items().get(1).cleanedNow()).isNull();

    IndexedBatch indexed = new IndexedBatch(List.of(new Coordinates("wi_1", 0.5f, -1f, 2f)),
        List.of(new Merge("wi_1", "wi_0", 0.97, "mini", 0.95)), List.of(new Relation("wi_1", "wi_3", 0.9, "mini", 0.85)));
    assertThat(indexed.toJson().fieldNames()).containsExactlyInAnyOrder("items", "merges", "related");
    assertThat(IndexedBatch.fromJson(wire(indexed.toJson()))).isEqualTo(indexed);
    assertThat(IndexedBatch.fromJson(new JsonObject().put("items", new JsonArray())))
        .as("merges and related may be left out").isEqualTo(new IndexedBatch(List.of(), List.of(), List.of()));
    // The vectors a pass has not stored ride along in the same message (and the same transaction).
    JsonObject withVectors = new IndexedBatch(indexed.items(), List.of(), List.of(), back).toJson();
    assertThat(withVectors.fieldNames()).containsExactlyInAnyOrder("items", "merges", "related", "embedded");
    IndexedBatch vectorsBack = IndexedBatch.fromJson(wire(withVectors));
    assertThat(vectorsBack.embedded().model()).isEqualTo("mini");
    assertThat(vectorsBack.embedded().items()).extracting(Embedded::id).containsExactly("wi_1", "wi_2");
    assertThat(vectorsBack.embedded().items().get(0).embedding()).containsExactly(vector);
    assertThat(vectorsBack.embedded().items().get(0).cleanedNow().description()).isEqualTo("disk full");
    assertThat(new IndexedBatch(indexed.items(), List.of(), List.of(), new EmbeddedBatch("mini", 1, List.of())).embedded())
        .as("no vectors: the field is left out").isNull();
    assertThatThrownBy(() -> IndexedBatch.fromJson(new JsonObject().put("items", new JsonArray()).put("embedded", "x")))
        .hasMessageContaining("embedded");

    FailedBatch failed = new FailedBatch(List.of(new Attempt("wi_1", "timeout", null),
        new Attempt("wi_2", "nothing to embed", EnrichmentState.NOT_EMBEDDABLE)), 3);
    assertThat(failed.toJson().getJsonArray("items").getJsonObject(1).getString("final_state")).isEqualTo("not_embeddable");
    assertThat(FailedBatch.fromJson(wire(failed.toJson()))).isEqualTo(failed);
    assertThat(FailedBatch.fromJson(new JsonObject().put("items", new JsonArray())).maxAttempts()).isEqualTo(5);

    assertThat(StaleQuery.fromJson(new JsonObject())).isEqualTo(new StaleQuery(60.0, 500));
    assertThat(StaleQuery.fromJson(wire(new StaleQuery(1.5, 20).toJson()))).isEqualTo(new StaleQuery(1.5, 20));
  }

  @Test
  void stage_replies_survive_the_wire() {
    EnrichmentItem item = new EnrichmentItem("wi_1", "demo", "api", "sev2", "open", "2026-01-01T00:00:00Z", "d", "raw",
        EnrichmentState.PENDING, 2, null, null, false, null);
    Begun begun = new Begun(List.of(item));
    assertThat(begun.toJson().getJsonArray("items").getJsonObject(0).fieldNames()).containsExactlyInAnyOrder("id", "source",
        "service", "severity", "status", "created_at", "description", "raw_log", "state", "attempts", "embedding",
        "embedding_model", "native_identity");
    assertThat(Begun.fromJson(wire(begun.toJson()))).isEqualTo(begun);

    IndexedResult result = new IndexedResult(List.of(new IndexedItem("wi_1", "d", new Coordinates("wi_1", 1f, 2f, 3f))),
        List.of(new Merge("wi_2", "wi_1", 0.97, "mini", 0.95)), List.of(new Target("wi_1", 4, "2026-01-01T00:00:00Z")),
        List.of(new Relation("wi_1", "wi_3", 0.9, "mini", 0.85)));
    JsonObject json = result.toJson();
    assertThat(json.getJsonArray("indexed").getJsonObject(0).getJsonObject("embedding_3d"))
        .isEqualTo(new JsonObject().put("x", 1f).put("y", 2f).put("z", 3f));
    assertThat(json.getJsonArray("targets").getJsonObject(0).fieldNames())
        .containsExactlyInAnyOrder("id", "occurrence_count", "last_seen_at");
    assertThat(IndexedResult.fromJson(wire(json))).isEqualTo(result);

    FailedResult failed = new FailedResult(List.of(new Recorded("wi_1", EnrichmentState.FAILED, 5)));
    assertThat(failed.toJson()).isEqualTo(new JsonObject().put("items", new JsonArray().add(
        new JsonObject().put("id", "wi_1").put("state", "failed").put("attempts", 5))));
    assertThat(FailedResult.fromJson(wire(failed.toJson()))).isEqualTo(failed);
    assertThat(Ids.fromJson(wire(new Ids(List.of("a", "b")).toJson()))).isEqualTo(new Ids(List.of("a", "b")));
    assertThat(new Updated(3).toJson()).isEqualTo(new JsonObject().put("updated", 3));
    Stats stats = new Stats(1, 2, 3);
    assertThat(stats.toJson()).isEqualTo(new JsonObject().put("unfinished", 1L).put("failed", 2L).put("not_embeddable", 3L));
    assertThat(Stats.fromJson(wire(stats.toJson()))).isEqualTo(stats);
  }

  @Test
  void vector_state_messages_survive_the_wire() {
    assertThat(PageQuery.fromJson(new JsonObject())).isEqualTo(new PageQuery(null, 1000));
    assertThat(PageQuery.fromJson(wire(new PageQuery("wi_9", 10).toJson()))).isEqualTo(new PageQuery("wi_9", 10));
    assertThat(new VectorQuery("wi_1").toJson()).isEqualTo(new JsonObject().put("id", "wi_1"));
    CoordinatesUpdate update = new CoordinatesUpdate(List.of(new Coordinates("wi_1", 1f, 2f, 3f)));
    assertThat(CoordinatesUpdate.fromJson(wire(update.toJson()))).isEqualTo(update);
    StoredVector stored = StoredVector.fromJson(wire(new StoredVector("wi_1", "embedded", "mini", new byte[] {9, 8}).toJson()));
    assertThat(stored.vector()).containsExactly(9, 8);
    assertThat(stored.state()).isEqualTo("embedded");

    SavedProjection saved = new SavedProjection("mini", 2, new Projection(new float[] {0.5f, 1f},
        new float[][] {{1f, 0f}, {0f, 1f}, {0.5f, 0.5f}}, 40));
    assertThat(saved.toJson().fieldNames()).containsExactlyInAnyOrder("model", "dimension", "fitted_on", "mean", "components");
    SavedProjection back = SavedProjection.fromJson(wire(saved.toJson()));
    assertThat(back.componentsBytes()).containsExactly(saved.componentsBytes());
    assertThat(back.meanBytes()).containsExactly(saved.meanBytes());
    assertThat(back.projection().fittedOn()).isEqualTo(40);
    assertThat(SavedProjection.fromJson(new JsonObject())).as("nothing saved yet").isNull();
  }

  @Test
  void the_owner_answers_an_undecodable_body_with_invalid() {
    assertInvalid(Addresses.ENRICHMENT_BEGIN, new JsonObject(), "ids");
    assertInvalid(Addresses.ENRICHMENT_BEGIN, new JsonObject().put("ids", new JsonArray().add(1)), "ids");
    assertInvalid(Addresses.ENRICHMENT_CLEANED, new JsonObject().put("items", new JsonArray().add(new JsonObject())), "id");
    assertInvalid(Addresses.ENRICHMENT_EMBEDDED, new JsonObject().put("dimension", 3).put("items", new JsonArray()), "model");
    assertInvalid(Addresses.ENRICHMENT_EMBEDDED, new JsonObject().put("model", "m").put("dimension", 3)
        .put("items", new JsonArray().add(new JsonObject().put("id", "wi_1"))), "embedding");
    assertInvalid(Addresses.ENRICHMENT_INDEXED, new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("id", "wi_1").put("x", 1))), "y");
    assertInvalid(Addresses.ENRICHMENT_FAILED, new JsonObject().put("max_attempts", 3), "items");
    assertInvalid(Addresses.ENRICHMENT_STALE, new JsonObject().put("limit", "many"), "limit");
    assertInvalid(Addresses.VECTORS_PAGE, new JsonObject().put("after_id", 5), "after_id");
    assertInvalid(Addresses.VECTOR_GET, new JsonObject(), "id");
    assertInvalid(Addresses.COORDINATES_UPDATE, new JsonObject(), "items");
    assertInvalid(Addresses.PROJECTION_SAVE, new JsonObject().put("model", "m"), "dimension");
  }

  @Test
  void the_clients_read_the_owners_answers() {
    DeliveryOptions options = new DeliveryOptions();
    EnrichmentStore store = new EnrichmentStore(vertx.eventBus(), options);
    assertThat(TestApp.await(store.begin(List.of("wi_never")))).isEmpty();
    assertThat(TestApp.await(store.stale(3600, 5))).isEmpty();
    assertThat(TestApp.await(store.stats()).unfinished()).isGreaterThanOrEqualTo(0);
    VectorStateClient vectors = new VectorStateClient(vertx.eventBus(), options);
    Throwable missing = TestApp.await(vectors.vector("wi_never").transform(r -> Future.succeededFuture(r.cause())));
    assertThat(missing).isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) missing).failureCode()).isEqualTo(Failure.NOT_FOUND.code());
    assertThat(TestApp.await(vectors.page(null, 5))).isNotNull();
  }

  @Test
  void a_saved_projection_comes_back_with_the_same_bytes() {
    VectorStateClient vectors = new VectorStateClient(vertx.eventBus(), new DeliveryOptions());
    SavedProjection saved = new SavedProjection("contract-model", 2, new Projection(new float[] {0.25f, -1f},
        new float[][] {{1f, 0f}, {0f, 1f}, {0.5f, -0.5f}}, 12));
    TestApp.await(vectors.saveProjection(saved));
    SavedProjection read = TestApp.await(vectors.projection());
    assertThat(read.model()).isEqualTo("contract-model");
    assertThat(read.dimension()).isEqualTo(2);
    assertThat(read.projection().fittedOn()).isEqualTo(12);
    assertThat(read.meanBytes()).containsExactly(saved.meanBytes());
    assertThat(read.componentsBytes()).containsExactly(saved.componentsBytes());
  }

}
