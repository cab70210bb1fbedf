package io.intake.bench;

import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
    List<Buffer> bodies = LogBatches.loghub(LINES, BATCH);
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
        long minedBefore = LogBatches.mined(app);
        long started = System.nanoTime();
        double accepted = run(vertx, port, bodies);
        long expected = minedBefore + (long) bodies.size() * BATCH;
        TestApp.eventually(Duration.ofMinutes(5), () -> LogBatches.mined(app) >= expected);
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

  private static double run(Vertx vertx, int port, List<Buffer> bodies) {
    return LogBatches.post(vertx, port, bodies, BATCH, CONCURRENCY, Duration.ofSeconds(60));
  }
}
