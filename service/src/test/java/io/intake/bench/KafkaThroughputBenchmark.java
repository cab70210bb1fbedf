package io.intake.bench;

import io.intake.support.KafkaBroker;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Log lines per second through {@code POST /logs} until stored and mined, three ways in one run:
 * the direct path (stored before the 202), and through a real Kafka broker (a child process) with
 * one and with two consumer members (202 after the broker's acknowledgement; stored and mined by
 * the group). Same bodies as {@link LogIngestBenchmark} (loghub lines, 4 services, 1,000 a batch).
 * Prints figures; asserts only that every line was mined.
 *
 * <p>Run: {@code mvn -B -Pbench test -Dtest=KafkaThroughputBenchmark} ({@code -Dbench.lines=N}).
 */
@Tag("benchmark")
class KafkaThroughputBenchmark {

  private static final int LINES = Integer.getInteger("bench.lines", 200_000);
  private static final int BATCH = 1000;
  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 8);

  @Test
  void kafkaPathAgainstTheDirectPath() throws IOException {
    List<Buffer> bodies = bodies();
    Vertx vertx = Vertx.vertx();
    KafkaBroker broker = KafkaBroker.startNew();
    try {
      Result direct = measure(vertx, bodies, new JsonObject());
      Result one = measure(vertx, bodies, kafka(broker, "bench-1", 1));
      Result two = measure(vertx, bodies, kafka(broker, "bench-2", 2));
      for (var r : List.of(Map.entry("direct", direct), Map.entry("kafka-1-member", one), Map.entry("kafka-2-members", two))) {
        System.out.printf(Locale.ROOT, "RESULT kafka-bench path=%s lines=%d accepted=%.0f/s stored+mined=%.0f/s ratio-to-direct=%.2f%n",
            r.getKey(), bodies.size() * BATCH, r.getValue().accepted(), r.getValue().mined(),
            r.getValue().mined() / direct.mined());
      }
    } finally {
      broker.close();
      TestApp.await(vertx.close());
    }
  }

  private record Result(double accepted, double mined) {
  }

  private static JsonObject kafka(KafkaBroker broker, String prefix, int members) {
    return new JsonObject().put("kafka", new JsonObject()
        .put("brokers", broker.bootstrap())
        .put("topics", new JsonObject().put("logs", prefix + ".logs.raw").put("metrics", prefix + ".metrics.raw")
            .put("log_events", prefix + ".pos-logs").put("events", prefix + ".events"))
        .put("consumer", new JsonObject().put("group", prefix).put("instances", members)));
  }

  private static Result measure(Vertx vertx, List<Buffer> bodies, JsonObject overrides) {
    try (RunningApp app = RunningApp.start(vertx, overrides
        .put("http", new JsonObject().put("instances", 2).put("security", new JsonObject()
            .put("rate_limit", new JsonObject().put("requests_per_second", 1_000_000).put("burst", 1_000_000)))))) {
      int port = app.http().port();
      run(vertx, port, bodies.subList(0, Math.min(20, bodies.size()))); // warm-up
      long warm = (long) Math.min(20, bodies.size()) * BATCH;
      TestApp.eventually(Duration.ofMinutes(5), () -> mined(app) >= warm);
      long minedBefore = mined(app);
      long started = System.nanoTime();
      double accepted = run(vertx, port, bodies);
      long expected = minedBefore + (long) bodies.size() * BATCH;
      TestApp.eventually(Duration.ofMinutes(10), () -> mined(app) >= expected);
      double mined = (double) bodies.size() * BATCH / ((System.nanoTime() - started) / 1e9);
      return new Result(accepted, mined);
    }
  }

  private static long mined(RunningApp app) {
    return app.http().get("/patterns?limit=1").bodyAsJsonObject().getLong("lines_mined");
  }

  private static double run(Vertx vertx, int port, List<Buffer> bodies) {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(CONCURRENCY));
    AtomicInteger next = new AtomicInteger();
    long started = System.nanoTime();
    List<Future<Void>> workers = new ArrayList<>();
    for (int i = 0; i < CONCURRENCY; i++) {
      workers.add(send(client, port, bodies, next));
    }
    TestApp.await(Future.all(workers), Duration.ofMinutes(10));
    double seconds = (System.nanoTime() - started) / 1e9;
    client.close();
    return bodies.size() * (double) BATCH / seconds;
  }

  private static Future<Void> send(WebClient client, int port, List<Buffer> bodies, AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= bodies.size()) {
      return Future.succeededFuture();
    }
    return client.post(port, "127.0.0.1", "/logs").putHeader("content-type", "application/json")
        .putHeader("X-API-Key", TestApp.API_KEY).sendBuffer(bodies.get(i))
        .compose(r -> r.statusCode() == 202 ? Future.succeededFuture() : Future.failedFuture("HTTP " + r.statusCode() + " " + r.bodyAsString()))
        .compose(v -> send(client, port, bodies, next));
  }

  private static List<Buffer> bodies() throws IOException {
    List<String[]> lines = new ArrayList<>();
    for (String name : List.of("HDFS", "Linux", "OpenSSH", "Zookeeper")) {
      for (String line : Files.readAllLines(Path.of("src/test/resources/loghub", name, name + "_2k.log"))) {
        if (!line.isBlank()) {
          String level = line.contains("ERROR") || line.contains("FATAL") ? "ERROR" : line.contains("WARN") ? "WARN" : "INFO";
          lines.add(new String[] {name.toLowerCase(Locale.ROOT), level, line});
        }
      }
    }
    List<Buffer> bodies = new ArrayList<>();
    int n = 0;
    for (int b = 0; b < LINES / BATCH; b++) {
      JsonArray entries = new JsonArray(new ArrayList<>(BATCH));
      for (int i = 0; i < BATCH; i++) {
        String[] l = lines.get(n++ % lines.size());
        entries.add(new JsonObject().put("timestamp", "2024-01-11T10:00:00Z").put("level", l[1])
            .put("message", l[2]).put("service", l[0]).put("host", "bench"));
      }
      bodies.add(new JsonObject().put("entries", entries).put("agent_version", "bench").toBuffer());
    }
    return bodies;
  }
}
