package io.intake.vectors;

import static io.intake.support.TestApp.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.Addresses;
import io.intake.embedding.Vectors;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole program on a real database: the index saved at a graceful stop, loaded at the next
 * start, caught up with what changed while it was down (a new item, a new vector, a resolved
 * item, a deleted item), and then answering exactly as an index rebuilt from the database does.
 */
class VectorIndexSnapshotTest {

  private static final int DIM = 8;
  private static final String[] SERVICES = {"api", "db", "web"};

  @TempDir
  Path dir;

  private final String url = TestPostgres.newDatabase();
  private final SplittableRandom random = new SplittableRandom(3);

  private float[] randomVector() {
    float[] v = new float[DIM];
    for (int d = 0; d < DIM; d++) {
      v[d] = (float) random.nextGaussian();
    }
    return Vectors.normalize(v);
  }

  private static String bytea(float[] v) {
    return "'\\x" + HexFormat.of().formatHex(Vectors.toBytes(v)) + "'::bytea";
  }

  private void insert(String id, String service, String status, float[] v) {
    TestPostgres.execute(url, String.format(Locale.ROOT, """
        INSERT INTO work_items (id, type, service, severity, description, created_at, source, fingerprint,
          last_seen_at, updated_at, status, enrichment_state, embedding, embedding_model, embedding_dim)
        VALUES ('%s', 'incident', '%s', 'sev3', 'd', now() - interval '1 hour', 'demo', 'fp:%s', now(), now(), '%s',
          'indexed', %s, 'test-model', %d)""", id, service, id, status, bytea(v), DIM));
  }

  private Path snapshot() {
    return dir.resolve("index.snapshot");
  }

  /** Runs the program on the database with the snapshot on or off, hands it to {@code body}, stops it gracefully. */
  private void run(boolean snapshots, Consumer<Vertx> body) {
    run(snapshots, 3600, body);
  }

  private void run(boolean snapshots, int intervalSeconds, Consumer<Vertx> body) {
    Vertx vertx = Vertx.vertx();
    try {
      TestApp.deploy(vertx, TestApp.freePort(), new JsonObject()
          .put("database", new JsonObject().put("url", url))
          .put("vectors", new JsonObject().put("embedded", new JsonObject().put("snapshot", new JsonObject()
              .put("enabled", snapshots).put("path", snapshot().toString()).put("interval_seconds", intervalSeconds)))));
      body.accept(vertx);
    } finally {
      await(vertx.close());
    }
  }

  /** The schema comes with the program's first start; an empty index is not saved. */
  private void migrated() {
    run(true, vertx -> assertThat(status(vertx).getLong("size")).isZero());
    assertThat(snapshot()).doesNotExist();
  }

  private static JsonObject status(Vertx vertx) {
    return await(vertx.eventBus().<JsonObject>request(Addresses.VECTORS_STATUS, new JsonObject())).body();
  }

  private static List<List<VectorMatch>> answers(Vertx vertx, List<float[]> queries) {
    VectorIndexClient client = new VectorIndexClient(vertx.eventBus(), new DeliveryOptions());
    List<List<VectorMatch>> out = new ArrayList<>();
    for (float[] q : queries) {
      out.add(await(client.search(new SearchRequest(null, null, Vectors.toBytes(q), null, null, null, 5))).matches());
      out.add(await(client.search(new SearchRequest(null, null, Vectors.toBytes(q), "api", null, "open", 5))).matches());
    }
    return out;
  }

  @Test
  void savedAtStopLoadedAtStartCaughtUpAndTheSameAsARebuild() throws Exception {
    migrated();
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      vectors.add(randomVector());
      insert(String.format(Locale.ROOT, "wi_%03d", i), SERVICES[i % 3], "open", vectors.get(i));
    }
    List<float[]> queries = new ArrayList<>(vectors.subList(0, 20));

    List<List<VectorMatch>> first = new ArrayList<>();
    run(true, vertx -> {
      assertThat(status(vertx).getString("loaded_from")).isEqualTo("rebuild");
      assertThat(status(vertx).getLong("size")).isEqualTo(60);
      first.addAll(answers(vertx, queries));
    });
    assertThat(snapshot()).exists();

    // Unchanged database: the same answers from the file.
    run(true, vertx -> {
      assertThat(status(vertx).getString("loaded_from")).isEqualTo("snapshot");
      assertThat(answers(vertx, queries)).isEqualTo(first);
    });

    // While the program is down: a new item, a new vector, a resolved item, a deleted item.
    float[] fresh = randomVector();
    insert("wi_new", "api", "open", fresh);
    float[] moved = randomVector();
    TestPostgres.execute(url, "UPDATE work_items SET embedding = " + bytea(moved) + " WHERE id = 'wi_003'");
    TestPostgres.execute(url, "UPDATE work_items SET status = 'resolved' WHERE id = 'wi_000'");
    TestPostgres.execute(url, "DELETE FROM work_items WHERE id = 'wi_001'");
    queries.addAll(List.of(fresh, moved, vectors.get(3)));

    List<List<VectorMatch>> caughtUp = new ArrayList<>();
    run(true, vertx -> {
      assertThat(status(vertx).getString("loaded_from")).isEqualTo("snapshot");
      assertThat(status(vertx).getLong("size")).isEqualTo(60);
      VectorIndexClient client = new VectorIndexClient(vertx.eventBus(), new DeliveryOptions());
      assertThat(await(client.search(new SearchRequest(null, null, Vectors.toBytes(fresh), "api", null, "open", 1)))
          .matches()).extracting(VectorMatch::id).containsExactly("wi_new");
      assertThat(await(client.search(new SearchRequest(null, null, Vectors.toBytes(moved), null, null, null, 1)))
          .matches()).extracting(VectorMatch::id).containsExactly("wi_003");
      assertThat(await(client.search(new SearchRequest(null, null, Vectors.toBytes(vectors.get(0)), null, null, "open", 60)))
          .matches()).extracting(VectorMatch::id).doesNotContain("wi_000", "wi_001").hasSize(59);
      assertThat(await(client.search(new SearchRequest(null, null, Vectors.toBytes(vectors.get(1)), null, null, null, 60)))
          .matches()).extracting(VectorMatch::id).doesNotContain("wi_001").contains("wi_000");
      caughtUp.addAll(answers(vertx, queries));
    });

    // The reference: the same database, rebuilt without the file.
    run(false, vertx -> {
      assertThat(status(vertx).getString("loaded_from")).isEqualTo("rebuild");
      assertThat(answers(vertx, queries)).isEqualTo(caughtUp);
    });
  }

  @Test
  void savedPeriodicallyWhileRunning() {
    migrated();
    for (int i = 0; i < 20; i++) {
      insert(String.format(Locale.ROOT, "wi_%03d", i), SERVICES[i % 3], "open", randomVector());
    }
    run(true, 1, vertx -> {
      TestApp.eventually(java.time.Duration.ofSeconds(30), () -> Files.exists(snapshot()));
      try {
        IndexSnapshot.Header saved = IndexSnapshot.read(snapshot(), new EmbeddedVectorStore(), TestPostgres.query(url,
            "SELECT id FROM database_identity", rows -> rows.next() ? rows.getString(1) : null), Long.MAX_VALUE, null, -1);
        assertThat(saved.items()).isEqualTo(20);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void aDamagedSnapshotMeansAFullRebuild() throws Exception {
    migrated();
    for (int i = 0; i < 30; i++) {
      insert(String.format(Locale.ROOT, "wi_%03d", i), SERVICES[i % 3], "open", randomVector());
    }
    run(true, vertx -> assertThat(status(vertx).getLong("size")).isEqualTo(30));
    byte[] saved = Files.readAllBytes(snapshot());
    Files.write(snapshot(), java.util.Arrays.copyOf(saved, saved.length / 2));
    run(true, vertx -> {
      assertThat(status(vertx).getString("loaded_from")).isEqualTo("rebuild");
      assertThat(status(vertx).getLong("size")).isEqualTo(30);
    });
    // Rebuilt and saved again at the stop: usable from then on.
    run(true, vertx -> assertThat(status(vertx).getString("loaded_from")).isEqualTo("snapshot"));
  }
}
