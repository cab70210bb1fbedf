package io.intake.bench;

import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Log lines per second through {@code POST /logs} (batches of 1,000 real loghub lines) until they
 * are persisted (202) and mined (the miner's line count), with the load generator in the same
 * JVM; baseline in the same run: a bare Vert.x endpoint that reads the same bodies and answers
 * 202. Prints figures; asserts nothing about speed.
 *
 * <p>Run: {@code mvn -B -Pbench test -Dtest=LogIngestBenchmark} ({@code -Dbench.lines=N}).
 */
@Tag("benchmark")
class LogIngestBenchmark {

  private static final int LINES = Integer.getInteger("bench.lines", 400_000);
  private static final int BATCH = Integer.getInteger("bench.batch", 1000);
  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 8);

  @Test
  void logLinesPerSecondAgainstABareEndpoint() throws IOException {
    List<Buffer> bodies = bodies();
    Vertx vertx = Vertx.vertx();
    try {
      int barePort = TestApp.freePort();
      HttpServer bare = TestApp.await(vertx.createHttpServer()
          .requestHandler(req -> req.body().onSuccess(b -> req.response().setStatusCode(202).end("{\"status\":\"accepted\"}")))
          .listen(barePort, "127.0.0.1"));
      run(vertx, barePort, bodies.subList(0, Math.min(50, bodies.size()))); // warm-up
      double bareRate = run(vertx, barePort, bodies);
      TestApp.await(bare.close());

      try (RunningApp app = RunningApp.start(vertx, new JsonObject()
          .put("persistence", new JsonObject().put("telemetry", new JsonObject().put("instances", Integer.getInteger("bench.persistence", 1))))
          .put("http", new JsonObject().put("instances", 2).put("security", new JsonObject()
              .put("rate_limit", new JsonObject().put("requests_per_second", 1_000_000).put("burst", 1_000_000)))))) {
        int port = app.http().port();
        run(vertx, port, bodies.subList(0, Math.min(20, bodies.size()))); // warm-up
        long minedBefore = mined(app);
        long started = System.nanoTime();
        double accepted = run(vertx, port, bodies);
        long expected = minedBefore + (long) bodies.size() * BATCH;
        TestApp.eventually(Duration.ofMinutes(5), () -> mined(app) >= expected);
        double mined = (double) bodies.size() * BATCH / ((System.nanoTime() - started) / 1e9);
        long rows = TestPostgres.query(app.databaseUrl(), "SELECT count(*) FROM log_events", rs -> {
          rs.next();
          return rs.getLong(1);
        });
        System.out.printf(Locale.ROOT,
            "RESULT log-ingest lines=%d batch=%d persisted=%.0f/s persisted+mined=%.0f/s bare-endpoint=%.0f/s ratio=%.2f rows=%d%n",
            bodies.size() * BATCH, BATCH, accepted, mined, bareRate, mined / bareRate, rows);
      }
    } finally {
      TestApp.await(vertx.close());
    }
  }

  private static long mined(RunningApp app) {
    return app.http().get("/patterns?limit=1").bodyAsJsonObject().getLong("lines_mined");
  }

  /** Lines per second accepted (202) at the port, CONCURRENCY batches in flight. */
  private static double run(Vertx vertx, int port, List<Buffer> bodies) {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(CONCURRENCY));
    AtomicInteger next = new AtomicInteger();
    long started = System.nanoTime();
    List<Future<Void>> workers = new ArrayList<>();
    for (int i = 0; i < CONCURRENCY; i++) {
      workers.add(send(client, port, bodies, next));
    }
    TestApp.await(Future.all(workers));
    double seconds = (System.nanoTime() - started) / 1e9;
    client.close();
    return bodies.size() * (double) BATCH / seconds;
  }

  private static Future<Void> send(WebClient client, int port, List<Buffer> bodies, AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= bodies.size()) {
      return Future.succeededFuture();
    }
    return client.post(port, "127.0.0.1", "/logs").putHeader("content-type", "application/json").putHeader("X-API-Key", TestApp.API_KEY).sendBuffer(bodies.get(i))
        .compose(r -> r.statusCode() == 202 ? Future.succeededFuture() : Future.failedFuture("HTTP " + r.statusCode() + " " + r.bodyAsString()))
        .compose(v -> send(client, port, bodies, next));
  }

  /** Batches of real loghub lines (all four samples, cycled), as agents would send them. */
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
