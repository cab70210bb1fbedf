package io.intake.vectors;

import io.intake.embedding.Vectors;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmbeddedVectorStoreTest {

  private static VectorRecord rec(String id, String service, String status, Instant created, float... v) {
    return new VectorRecord(id, service, "sev3", status, created, "d", "m", Vectors.normalize(v));
  }

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final EmbeddedVectorStore store = new EmbeddedVectorStore();

  @Test
  void nearestFirstWithCosineScores() {
    store.upsert(List.of(
        rec("a", "api", "open", T0, 1, 0, 0),
        rec("b", "api", "open", T0, 0.9f, 0.1f, 0),
        rec("c", "db", "open", T0, 0, 1, 0)));
    List<VectorMatch> found = store.search(Vectors.normalize(new float[] {1, 0, 0}), 2, VectorFilter.NONE).result();
    assertThat(found).extracting(VectorMatch::id).containsExactly("a", "b");
    assertThat(found.get(0).score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(found.get(1).score()).isCloseTo(0.9 / Math.sqrt(0.82), org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void filtersByServiceStatusTimeAndExclusion() {
    store.upsert(List.of(
        rec("old", "api", "open", T0.minusSeconds(7200), 1, 0, 0),
        rec("resolved", "api", "resolved", T0, 1, 0, 0),
        rec("self", "api", "open", T0, 1, 0, 0),
        rec("other-service", "db", "open", T0, 1, 0, 0),
        rec("target", "api", "assigned", T0, 0.8f, 0.2f, 0)));
    VectorFilter dedup = new VectorFilter("api", null, Set.of("open", "assigned"), T0.minusSeconds(3600), Set.of("self"));
    assertThat(store.search(new float[] {1, 0, 0}, 5, dedup).result()).extracting(VectorMatch::id).containsExactly("target");
  }

  @Test
  void upsertReplacesAndStatusFollows() {
    store.upsert(List.of(rec("a", "api", "open", T0, 1, 0, 0), rec("b", "api", "open", T0, 0, 1, 0)));
    store.upsert(List.of(rec("a", "db", "open", T0, 0, 0, 1))); // moved to another service and vector
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.search(new float[] {0, 0, 1}, 1, new VectorFilter("db", null, null, null, null)).result())
        .extracting(VectorMatch::id).containsExactly("a");
    assertThat(store.search(new float[] {0, 1, 0}, 5, new VectorFilter("api", null, null, null, null)).result())
        .extracting(VectorMatch::id).containsExactly("b");
    store.updateStatus("b", "resolved");
    assertThat(store.search(new float[] {0, 1, 0}, 5, new VectorFilter(null, null, Set.of("open"), null, null)).result())
        .extracting(VectorMatch::id).containsExactly("a");
    assertThat(store.vector("b")).containsExactly(0, 1, 0);
  }

  @Test
  void refusesToMixDimensions() {
    store.upsert(List.of(rec("a", "api", "open", T0, 1, 0, 0)));
    assertThat(store.upsert(List.of(rec("b", "api", "open", T0, 1, 0))).failed()).isTrue();
    assertThat(store.search(new float[] {1, 0}, 1, VectorFilter.NONE).failed()).isTrue();
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void growsPastItsInitialCapacity() {
    for (int i = 0; i < 1000; i++) {
      store.upsert(List.of(rec("id" + i, "svc" + (i % 3), "open", T0, (float) Math.cos(i), (float) Math.sin(i), 0.1f)));
    }
    assertThat(store.size()).isEqualTo(1000);
    float[] q = Vectors.normalize(new float[] {(float) Math.cos(500), (float) Math.sin(500), 0.1f});
    assertThat(store.search(q, 1, VectorFilter.NONE).result().get(0).id()).isEqualTo("id500");
  }
}
