package io.intake.vectors;

import io.intake.embedding.Vectors;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.data.Offset;
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

  // The compressed mode (int8 codes + sign bits), past the exact threshold.

  private static final int DIM = 64;
  private static final String[] SERVICES = {"api", "db", "web"};

  /** Clustered unit vectors: 60 centres with a shared offset, items spread around them. */
  private static final class Clustered {
    final float[][] centres = new float[60][DIM];
    final float[] offset = new float[DIM];
    final SplittableRandom random = new SplittableRandom(3);

    Clustered() {
      for (int d = 0; d < DIM; d++) {
        offset[d] = (float) random.nextGaussian() * 0.5f;
      }
      for (float[] c : centres) {
        for (int d = 0; d < DIM; d++) {
          c[d] = (float) random.nextGaussian();
        }
      }
    }

    float[] next() {
      float[] c = centres[random.nextInt(centres.length)];
      float[] v = new float[DIM];
      for (int d = 0; d < DIM; d++) {
        v[d] = c[d] + offset[d] + (float) random.nextGaussian() * 0.8f;
      }
      return Vectors.normalize(v);
    }

    VectorRecord record(int i) {
      return new VectorRecord("id" + i, SERVICES[i % 3], i % 2 == 0 ? "sev2" : "sev3", i % 4 == 0 ? "resolved" : "open",
          T0.plusSeconds(i), "d", "m", next());
    }
  }

  private static List<VectorRecord> clustered(int n) {
    Clustered gen = new Clustered();
    List<VectorRecord> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(gen.record(i));
    }
    return out;
  }

  @Test
  void exactBelowTheThresholdLikeTheExactStore() {
    List<VectorRecord> records = clustered(2_000);
    ExactVectorStore exact = new ExactVectorStore();
    exact.upsert(records);
    store.upsert(records);
    assertThat(store.exact()).isTrue();
    Clustered queries = new Clustered();
    for (int q = 0; q < 20; q++) {
      float[] v = queries.next();
      assertThat(store.nearest(v, 10, VectorFilter.NONE)).isEqualTo(exact.nearest(v, 10, VectorFilter.NONE));
    }
  }

  @Test
  void recallAtTenOfTheCompressedIndexIsAtLeast95Percent() {
    List<VectorRecord> records = clustered(30_000);
    ExactVectorStore exact = new ExactVectorStore();
    exact.upsert(records);
    EmbeddedVectorStore compressed = new EmbeddedVectorStore(1_000, EmbeddedVectorStore.DEFAULT_CANDIDATES, null);
    for (int from = 0; from < records.size(); from += 1000) {
      compressed.upsert(records.subList(from, from + 1000));
    }
    assertThat(compressed.exact()).isFalse();
    assertThat(compressed.size()).isEqualTo(30_000);
    Clustered queries = new Clustered();
    VectorFilter[] filters = {VectorFilter.NONE, new VectorFilter("db", null, Set.of("open"), null, null),
        new VectorFilter(null, "sev2", null, T0.plusSeconds(20_000), null)};
    for (VectorFilter filter : filters) {
      long hits = 0;
      for (int q = 0; q < 100; q++) {
        float[] v = queries.next();
        List<VectorMatch> want = exact.nearest(v, 10, filter);
        List<VectorMatch> got = compressed.nearest(v, 10, filter);
        Set<String> wanted = new HashSet<>();
        want.forEach(m -> wanted.add(m.id()));
        hits += got.stream().filter(m -> wanted.contains(m.id())).count();
        // Scores are the int8 codes' estimate of the cosine: close to exact, best first.
        assertThat(got.get(0).score()).isCloseTo(want.get(0).score(), Offset.offset(0.01));
        for (int i = 1; i < got.size(); i++) {
          assertThat(got.get(i).score()).isLessThanOrEqualTo(got.get(i - 1).score());
        }
      }
      assertThat(hits / 1000.0).as("recall@10 with %s", filter).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void filtersStatusUpdatesAndReplacementsInCompressedMode() {
    EmbeddedVectorStore compressed = new EmbeddedVectorStore(0, EmbeddedVectorStore.DEFAULT_CANDIDATES, null);
    compressed.upsert(List.of(
        rec("old", "api", "open", T0.minusSeconds(7200), 1, 0, 0),
        rec("resolved", "api", "resolved", T0, 1, 0, 0),
        rec("self", "api", "open", T0, 1, 0, 0),
        rec("other-service", "db", "open", T0, 1, 0, 0),
        rec("target", "api", "assigned", T0, 0.8f, 0.2f, 0)));
    assertThat(compressed.exact()).isFalse();
    VectorFilter dedup = new VectorFilter("api", null, Set.of("open", "assigned"), T0.minusSeconds(3600), Set.of("self"));
    assertThat(compressed.nearest(new float[] {1, 0, 0}, 5, dedup)).extracting(VectorMatch::id).containsExactly("target");
    assertThat(compressed.nearest(new float[] {1, 0, 0}, 5, new VectorFilter("nowhere", null, null, null, null))).isEmpty();
    assertThat(compressed.nearest(new float[] {1, 0, 0}, 5, new VectorFilter(null, "sev1", null, null, null))).isEmpty();

    compressed.updateStatus("target", "resolved");
    assertThat(compressed.status("target")).isEqualTo("resolved");
    assertThat(compressed.nearest(new float[] {1, 0, 0}, 5, dedup)).isEmpty();

    compressed.upsert(List.of(rec("old", "db", "open", T0, 0, 0, 1)));
    assertThat(compressed.size()).isEqualTo(5);
    List<VectorMatch> found = compressed.nearest(new float[] {0, 0, 1}, 1, new VectorFilter("db", null, null, null, null));
    assertThat(found).extracting(VectorMatch::id).containsExactly("old");
    assertThat(found.get(0).score()).isCloseTo(1.0, Offset.offset(0.01));
    assertThat(compressed.vector("old")).containsExactly(new float[] {0, 0, 1}, Offset.offset(0.01f));
  }

  @Test
  void concurrentSearchesWhileTheOwnerWrites() throws Exception {
    List<VectorRecord> records = clustered(12_000);
    EmbeddedVectorStore shared = new EmbeddedVectorStore(4_000, EmbeddedVectorStore.DEFAULT_CANDIDATES, null);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong searched = new AtomicLong();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    List<CompletableFuture<Void>> readers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Clustered queries = new Clustered();
      readers.add(CompletableFuture.runAsync(() -> {
        // At least a few searches after the last write, however fast the writer was.
        for (int after = 0; writing.get() || after < 5; after += writing.get() ? 0 : 1) {
          VectorFilter filter = searched.get() % 2 == 0 ? VectorFilter.NONE
              : new VectorFilter("api", null, Set.of("open"), null, null);
          List<VectorMatch> found = shared.nearest(queries.next(), 10, filter);
          searched.incrementAndGet();
          for (int i = 1; i < found.size(); i++) {
            if (found.get(i).score() > found.get(i - 1).score()) {
              problems.add("not best first: " + found);
            }
          }
          if (found.size() > 10 || (filter != VectorFilter.NONE && found.stream().anyMatch(m -> {
            int i = Integer.parseInt(m.id().substring(2));
            return i % 3 != 0 || i % 4 == 0;
          }))) {
            problems.add("filter not applied: " + found);
          }
        }
      }));
    }
    try {
      for (int from = 0; from < records.size(); from += 100) {
        shared.upsert(records.subList(from, from + 100));
        shared.updateStatus("id" + from, "assigned");
      }
    } finally {
      writing.set(false);
    }
    CompletableFuture.allOf(readers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    assertThat(problems).isEmpty();
    assertThat(searched.get()).isGreaterThanOrEqualTo(10);
    assertThat(shared.exact()).isFalse();
    assertThat(shared.size()).isEqualTo(12_000);
    for (int i = 0; i < records.size(); i += 997) {
      assertThat(shared.nearest(records.get(i).vector(), 1, VectorFilter.NONE)).extracting(VectorMatch::id)
          .containsExactly(records.get(i).id());
    }
  }
}
