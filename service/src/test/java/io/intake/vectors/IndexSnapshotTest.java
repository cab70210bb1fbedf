package io.intake.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intake.embedding.Vectors;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot file alone: the same answers after a round trip (compressed and exact stores), and
 * every kind of bad file refused with the store left empty, so the caller rebuilds instead.
 */
class IndexSnapshotTest {

  private static final int DIM = 40;
  private static final String[] SERVICES = {"api", "db", "web"};
  private static final String[] SEVERITIES = {"sev1", "sev2", "sev3"};
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String DB = "db-1";

  @TempDir
  Path dir;

  private static List<VectorRecord> items(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<VectorRecord> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] v = new float[DIM];
      for (int d = 0; d < DIM; d++) {
        v[d] = (float) random.nextGaussian();
      }
      out.add(new VectorRecord(String.format(Locale.ROOT, "wi_%05d", i), SERVICES[i % 3], SEVERITIES[i % 3 == 0 ? 0 : i % 2 + 1],
          i % 4 == 0 ? "resolved" : i % 4 == 1 ? "assigned" : "open", T0.plusSeconds(i), "d", "m", Vectors.normalize(v)));
    }
    return out;
  }

  private static List<VectorFilter> filters() {
    return List.of(VectorFilter.NONE,
        new VectorFilter("db", null, Set.of("open"), null, null),
        new VectorFilter(null, "sev1", Set.of("open", "assigned"), T0.plusSeconds(1000), Set.of("wi_00007")),
        new VectorFilter("web", "sev2", null, null, null));
  }

  private static List<List<VectorMatch>> answers(EmbeddedVectorStore store, List<VectorRecord> rows) {
    List<List<VectorMatch>> out = new ArrayList<>();
    for (int q = 0; q < 40; q++) {
      for (VectorFilter f : filters()) {
        out.add(store.nearest(rows.get(q * 37 % rows.size()).vector(), 10, f));
      }
    }
    return out;
  }

  private EmbeddedVectorStore stored(List<VectorRecord> rows, int exactBelow) {
    EmbeddedVectorStore store = new EmbeddedVectorStore(exactBelow, 200, null);
    for (int from = 0; from < rows.size(); from += 500) {
      store.upsert(rows.subList(from, Math.min(rows.size(), from + 500)));
    }
    return store;
  }

  @Test
  void compressedStoreGivesTheSameAnswersAfterARoundTrip() throws Exception {
    List<VectorRecord> rows = items(3_000, 1);
    EmbeddedVectorStore before = stored(rows, 1_000);
    before.updateStatus("wi_00010", "resolved");
    before.remove("wi_00011");
    assertThat(before.exact()).isFalse();
    Path file = dir.resolve("index.snapshot");

    IndexSnapshot.Header written = IndexSnapshot.write(before, file, "m", DB, 42);
    EmbeddedVectorStore after = new EmbeddedVectorStore(1_000, 200, null);
    IndexSnapshot.Header read = IndexSnapshot.read(file, after, DB, 100, "m", DIM);

    assertThat(written.items()).isEqualTo(2_999);
    assertThat(read).isEqualTo(written);
    assertThat(read.watermark()).isEqualTo(42);
    assertThat(after.size()).isEqualTo(2_999);
    assertThat(after.exact()).isFalse();
    assertThat(after.status("wi_00010")).isEqualTo("resolved");
    assertThat(after.status("wi_00011")).isNull();
    assertThat(answers(after, rows)).isEqualTo(answers(before, rows));
    assertThat(Files.exists(dir.resolve("index.snapshot.tmp"))).isFalse();

    // Still a working store: a new item and a new status value take codes of their own.
    after.upsert(List.of(new VectorRecord("new", "queue", "sev4", "open", T0, "d", "m", rows.get(5).vector())));
    assertThat(after.nearest(rows.get(5).vector(), 1, new VectorFilter("queue", "sev4", null, null, null)))
        .extracting(VectorMatch::id).containsExactly("new");
  }

  @Test
  void exactStoreKeepsItsFloats() throws Exception {
    List<VectorRecord> rows = items(800, 2);
    EmbeddedVectorStore before = stored(rows, 20_000);
    Path file = dir.resolve("index.snapshot");
    IndexSnapshot.write(before, file, "m", DB, 7);
    EmbeddedVectorStore after = new EmbeddedVectorStore(20_000, 200, null);
    IndexSnapshot.read(file, after, DB, 100, "m", DIM);
    assertThat(after.exact()).isTrue();
    assertThat(after.vector("wi_00003")).containsExactly(rows.get(3).vector());
    assertThat(answers(after, rows)).isEqualTo(answers(before, rows));
  }

  private Path written() throws IOException {
    Path file = dir.resolve("index.snapshot");
    IndexSnapshot.write(stored(items(2_000, 3), 1_000), file, "m", DB, 9);
    return file;
  }

  private void assertRefused(Path file, String db, String model, int dim, String reason) {
    EmbeddedVectorStore into = new EmbeddedVectorStore(1_000, 200, null);
    assertThatThrownBy(() -> IndexSnapshot.read(file, into, db, 100, model, dim))
        .isInstanceOf(IndexSnapshot.Unusable.class).hasMessageContaining(reason);
    assertThat(into.size()).isZero();
    assertThat(into.dimension()).isEqualTo(-1);
  }

  @Test
  void aDamagedFileIsRefused() throws Exception {
    Path file = written();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(raf.length() / 2);
      int b = raf.read();
      raf.seek(raf.length() / 2);
      raf.write(b ^ 0x10);
    }
    assertRefused(file, DB, "m", DIM, "checksum");
  }

  @Test
  void aTruncatedFileIsRefused() throws Exception {
    Path file = written();
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, all.length * 2 / 3));
    assertRefused(file, DB, "m", DIM, "truncated");
    Files.write(file, Arrays.copyOf(all, all.length - 3));
    assertRefused(file, DB, "m", DIM, "truncated");
  }

  @Test
  void anotherFormatDatabaseModelOrDimensionIsRefused() throws Exception {
    Path file = written();
    assertRefused(file, "db-2", "m", DIM, "another database");
    EmbeddedVectorStore into = new EmbeddedVectorStore(1_000, 200, null);
    assertThatThrownBy(() -> IndexSnapshot.read(file, into, DB, 8, "m", DIM))
        .isInstanceOf(IndexSnapshot.Unusable.class).hasMessageContaining("restored or recreated");
    assertRefused(file, DB, "other-model", DIM, "holds m vectors of 40");
    assertRefused(file, DB, "m", 384, "holds m vectors of 40");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(8);
      raf.writeInt(IndexSnapshot.FORMAT + 1);
    }
    assertRefused(file, DB, "m", DIM, "format " + (IndexSnapshot.FORMAT + 1));
    Files.writeString(file, "not a snapshot at all");
    assertRefused(file, DB, "m", DIM, "not an index snapshot");
  }

  @Test
  void aWriteKilledHalfWayLeavesThePreviousFileUsable() throws Exception {
    Path file = written();
    byte[] good = Files.readAllBytes(file);
    // What a kill -9 during the next write leaves: a partial temporary file beside the intact one.
    Path temporary = dir.resolve("index.snapshot.tmp");
    Files.write(temporary, Arrays.copyOf(good, good.length / 2));

    EmbeddedVectorStore loaded = new EmbeddedVectorStore(1_000, 200, null);
    assertThat(IndexSnapshot.read(file, loaded, DB, 100, "m", DIM).items()).isEqualTo(2_000);

    // The next write replaces the leftover and then the file.
    IndexSnapshot.write(stored(items(2_500, 4), 1_000), file, "m", DB, 10);
    assertThat(Files.exists(temporary)).isFalse();
    assertThat(IndexSnapshot.read(file, new EmbeddedVectorStore(1_000, 200, null), DB, 100, "m", DIM).items()).isEqualTo(2_500);
  }
}
