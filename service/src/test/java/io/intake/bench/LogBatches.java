package io.intake.bench;

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
import java.util.concurrent.atomic.AtomicInteger;

/** What the log benchmarks send and how they count: loghub lines in {@code POST /logs} batches. */
final class LogBatches {

  private LogBatches() {}

  /** {@code lines / batch} bodies of real loghub lines (all four samples, cycled), as agents would send them. */
  static List<Buffer> loghub(int lines, int batch) throws IOException {
    List<String[]> sample = new ArrayList<>();
    for (String name : List.of("HDFS", "Linux", "OpenSSH", "Zookeeper")) {
      for (String line : Files.readAllLines(Path.of("src/test/resources/loghub", name, name + "_2k.log"))) {
        if (!line.isBlank()) {
          String level = line.contains("ERROR") || line.contains("FATAL") ? "ERROR" : line.contains("WARN") ? "WARN" : "INFO";
          sample.add(new String[] {name.toLowerCase(Locale.ROOT), level, line});
        }
      }
    }
    List<Buffer> bodies = new ArrayList<>();
    int n = 0;
    for (int b = 0; b < lines / batch; b++) {
      JsonArray entries = new JsonArray(new ArrayList<>(batch));
      for (int i = 0; i < batch; i++) {
        String[] l = sample.get(n++ % sample.size());
        entries.add(new JsonObject().put("timestamp", "2024-01-11T10:00:00Z").put("level", l[1])
            .put("message", l[2]).put("service", l[0]).put("host", "bench"));
      }
      bodies.add(new JsonObject().put("entries", entries).put("agent_version", "bench").toBuffer());
    }
    return bodies;
  }

  /** Lines per second accepted (202) at the port, {@code concurrency} batches in flight; fails on any other answer. */
  static double post(Vertx vertx, int port, List<Buffer> bodies, int batch, int concurrency, Duration timeout) {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(concurrency));
    AtomicInteger next = new AtomicInteger();
    long started = System.nanoTime();
    List<Future<Void>> workers = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      workers.add(send(client, port, bodies, next));
    }
    TestApp.await(Future.all(workers), timeout);
    double seconds = (System.nanoTime() - started) / 1e9;
    client.close();
    return bodies.size() * (double) batch / seconds;
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

  /** Lines the pattern miner has counted so far. */
  static long mined(RunningApp app) {
    return app.http().get("/patterns?limit=1").bodyAsJsonObject().getLong("lines_mined");
  }
}
