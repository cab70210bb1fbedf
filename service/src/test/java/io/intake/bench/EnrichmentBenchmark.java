package io.intake.bench;

import io.intake.embedding.MiniLmEmbedder;
import io.intake.embedding.TextEmbedder;
import io.intake.llm.RulesCleaner;
import io.intake.support.Http;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Enrichment throughput against the bare model, in one run: distinct real log lines (the loghub
 * samples) embedded by the model alone in batches of 32 on one thread, then the same number of
 * work items going through the program's pipeline (clean → embed → store vector → index + dedup →
 * store state and coordinates). Two end-to-end figures: a backlog (items stored first, then the
 * enrichment roles started, as after an outage) and live (items posted over HTTP while enrichment
 * runs). Prints figures and heap use; asserts nothing about speed.
 *
 * <p>Run: {@code mvn -B -Pbench test -Dtest=EnrichmentBenchmark} ({@code -Dbench.items=N}).
 */
@Tag("benchmark")
class EnrichmentBenchmark {

  private static final int ITEMS = Integer.getInteger("bench.items", 3000);

  @Test
  void enrichmentThroughputAgainstTheBareModel() throws IOException {
    List<String> lines = lines(ITEMS);
    // The artifact's own default session, as langchain4j ships it.
    var library = new dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
    TextEmbedder libraryModel = new TextEmbedder() {
      public String model() {
        return "library-default";
      }

      public int dimension() {
        return 384;
      }

      public float[][] embed(List<String> texts) {
        var out = library.embedAll(texts.stream().map(dev.langchain4j.data.segment.TextSegment::from).toList()).content();
        return out.stream().map(e -> e.vector()).toArray(float[][]::new);
      }
    };
    bare(libraryModel, lines.subList(0, Math.min(500, lines.size())));
    double bareLibrary = bare(libraryModel, lines);
    System.out.printf(Locale.ROOT, "RESULT bare-model library-default-session sentences=%d rate=%.0f/s%n", lines.size(), bareLibrary);
    MiniLmEmbedder spinning = new MiniLmEmbedder(Runtime.getRuntime().availableProcessors(), true);
    bare(spinning, lines.subList(0, Math.min(500, lines.size()))); // warm-up
    double bareSpinning = bare(spinning, lines);
    System.out.printf(Locale.ROOT, "RESULT bare-model onnx-spinning sentences=%d rate=%.0f/s%n", lines.size(), bareSpinning);
    MiniLmEmbedder model = new MiniLmEmbedder(); // what the program runs: no spinning
    bare(model, lines.subList(0, Math.min(500, lines.size())));
    double bare = Math.max(bareLibrary, Math.max(bareSpinning, bare(model, lines))); // the baseline is the fastest
    System.out.printf(Locale.ROOT, "RESULT bare-model sentences=%d rate=%.0f/s%n", lines.size(), bare);

    double backlog = backlog(lines);
    System.out.printf(Locale.ROOT, "RESULT enrichment-backlog items=%d rate=%.0f/s ratio=%.2f heap_used=%dMB%n",
        lines.size(), backlog, backlog / bare, heapMb());
    double live = live(lines);
    System.out.printf(Locale.ROOT, "RESULT enrichment-live items=%d rate=%.0f/s ratio=%.2f heap_used=%dMB%n",
        lines.size(), live, live / bare, heapMb());
    System.out.printf(Locale.ROOT, "RESULT heap max=%dMB committed=%dMB%n",
        Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().totalMemory() >> 20);
  }

  private static double bare(TextEmbedder model, List<String> lines) {
    long started = System.nanoTime();
    for (int i = 0; i < lines.size(); i += 32) {
      List<String> batch = new ArrayList<>();
      for (String line : lines.subList(i, Math.min(lines.size(), i + 32))) {
        batch.add(RulesCleaner.clean(line));
      }
      model.embed(batch);
    }
    return lines.size() / ((System.nanoTime() - started) / 1e9);
  }

  /** Items stored with enrichment off; then the full program starts and drains the backlog. */
  private static double backlog(List<String> lines) {
    String db = TestPostgres.newDatabase();
    Vertx vertx = Vertx.vertx();
    try {
      int port = TestApp.freePort();
      String partial = TestApp.deploy(vertx, port, unlimited()
          .put("database", new JsonObject().put("url", db))
          .put("verticles", new JsonArray(List.of("persistence", "normalization", "http"))));
      post(vertx, port, lines);
      TestApp.await(vertx.undeploy(partial));
      TestApp.deployOn(vertx, TestApp.freePort(), db); // model loaded, index rebuilt: the clock starts now
      long started = System.nanoTime();
      waitIndexed(db, lines.size());
      return lines.size() / ((System.nanoTime() - started) / 1e9);
    } finally {
      TestApp.await(vertx.close());
    }
  }

  /** Items posted over HTTP to the full program; time from the first post to the last indexed. */
  private static double live(List<String> lines) {
    String db = TestPostgres.newDatabase();
    Vertx vertx = Vertx.vertx();
    try {
      int port = TestApp.freePort();
      TestApp.deploy(vertx, port, unlimited().put("database", new JsonObject().put("url", db)));
      long started = System.nanoTime();
      post(vertx, port, lines);
      waitIndexed(db, lines.size());
      return lines.size() / ((System.nanoTime() - started) / 1e9);
    } finally {
      TestApp.await(vertx.close());
    }
  }

  /** The load generator is one API key: lift its rate limit (measured elsewhere). */
  private static JsonObject unlimited() {
    return new JsonObject().put("http", new JsonObject().put("security", new JsonObject()
        .put("rate_limit", new JsonObject().put("requests_per_second", 1_000_000).put("burst", 1_000_000))));
  }

  private static void post(Vertx vertx, int port, List<String> lines) {
    WebClient client = WebClient.create(vertx);
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < 16; w++) {
      workers.add(postNext(client, port, lines, next));
    }
    TestApp.await(Future.all(workers));
    client.close();
  }

  private static Future<Void> postNext(WebClient client, int port, List<String> lines, AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= lines.size()) {
      return Future.succeededFuture();
    }
    JsonObject body = new JsonObject().put("service", "svc-" + (i % 5)).put("severity", "sev3")
        .put("description", lines.get(i)).put("raw_log", lines.get(i));
    return client.post(port, "127.0.0.1", "/ingest/demo").putHeader("X-API-Key", TestApp.API_KEY).sendJsonObject(body)
        .compose(r -> r.statusCode() == 201 ? Future.succeededFuture() : Future.failedFuture("HTTP " + r.statusCode()))
        .compose(v -> postNext(client, port, lines, next));
  }

  private static void waitIndexed(String db, int expected) {
    TestApp.eventually(Duration.ofMinutes(10), () -> {
      Long done = TestPostgres.query(db, "SELECT count(*) FROM work_items WHERE enrichment_state = 'indexed'", rs -> {
        rs.next();
        return rs.getLong(1);
      });
      return done >= expected;
    });
  }

  /** Distinct raw lines from the four loghub samples, interleaved. */
  private static List<String> lines(int n) throws IOException {
    List<List<String>> files = new ArrayList<>();
    for (String name : List.of("HDFS", "Linux", "OpenSSH", "Zookeeper")) {
      files.add(Files.readAllLines(Path.of("src/test/resources/loghub", name, name + "_2k.log")));
    }
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (int i = 0; distinct.size() < n && i < 2000; i++) {
      for (List<String> f : files) {
        if (i < f.size() && !f.get(i).isBlank()) {
          distinct.add(f.get(i));
        }
      }
    }
    return new ArrayList<>(distinct).subList(0, Math.min(n, distinct.size()));
  }

  private static long heapMb() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
  }
}
