package io.intake.bench;

import io.intake.support.KafkaBroker;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    List<Buffer> bodies = LogBatches.loghub(LINES, BATCH);
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
      TestApp.eventually(Duration.ofMinutes(5), () -> LogBatches.mined(app) >= warm);
      long minedBefore = LogBatches.mined(app);
      long started = System.nanoTime();
      double accepted = run(vertx, port, bodies);
      long expected = minedBefore + (long) bodies.size() * BATCH;
      TestApp.eventually(Duration.ofMinutes(10), () -> LogBatches.mined(app) >= expected);
      double mined = (double) bodies.size() * BATCH / ((System.nanoTime() - started) / 1e9);
      return new Result(accepted, mined);
    }
  }

  private static double run(Vertx vertx, int port, List<Buffer> bodies) {
    return LogBatches.post(vertx, port, bodies, BATCH, CONCURRENCY, Duration.ofMinutes(10));
  }
}
