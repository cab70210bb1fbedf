package io.intake.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.IntakeProcess;
import io.intake.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a child Intake (embedded PostgreSQL, two HTTP instances) while clients post to
 * {@code /ingest/demo} and {@code /logs}, then a restart on the same data.
 *
 * <p>"Arrived before the signal" is measured on the client: a request counts as sent when the
 * client's write of its last byte completed ({@code HttpClientRequest.end}'s future), on this
 * JVM's clock, and the signal's time is read just before {@code Process.destroy()} sends it. Every
 * request sent before the signal must be answered with its success status; every request answered
 * with it must be stored after the restart, exactly once, and nothing unanswered may be stored;
 * the pattern counts must equal the acknowledged lines (the miner's periodic flush is turned off
 * here, so only the shutdown's flush can have saved them).
 */
@ExtendWith(VertxExtension.class)
class GracefulShutdownTest {

  private static final Duration START = Duration.ofSeconds(180);
  private static final int ACKS_BEFORE_SIGNAL = 150;
  private static final long REFUSE_AFTER_MS = 1000;
  private IntakeProcess child;

  /** One request: when its last byte was written (-1: never), and its answer (-1: none). */
  private record Shot(String key, long sentNanos, int status, String error, long answeredNanos) {
  }

  /** Closed-loop clients on one endpoint, each request carrying a unique key. */
  private static final class Load {
    final String path;
    final int expected;
    final java.util.function.Function<String, JsonObject> body;
    final ConcurrentLinkedQueue<Shot> shots = new ConcurrentLinkedQueue<>();
    final AtomicLong acked = new AtomicLong();
    final AtomicBoolean stopped = new AtomicBoolean();
    final List<Future<Void>> loops = new ArrayList<>();
    final AtomicLong counter = new AtomicLong();
    final String tag;

    Load(String path, int expected, String tag, java.util.function.Function<String, JsonObject> body) {
      this.path = path;
      this.expected = expected;
      this.tag = tag;
      this.body = body;
    }

    void start(Vertx vertx, HttpClient client, int concurrency) {
      for (int i = 0; i < concurrency; i++) {
        Promise<Void> done = Promise.promise();
        loops.add(done.future());
        vertx.runOnContext(v -> loop(client, done));
      }
    }

    private void loop(HttpClient client, Promise<Void> done) {
      if (stopped.get()) {
        done.complete();
        return;
      }
      String key = tag + "-" + counter.incrementAndGet();
      send(client, key).onComplete(ar -> {
        Shot shot = ar.result();
        shots.add(shot);
        if (shot.status() == expected) {
          acked.incrementAndGet();
        }
        loop(client, done);
      });
    }

    private Future<Shot> send(HttpClient client, String key) {
      long[] sent = {-1};
      return client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(path).setIdleTimeout(20_000)
              .putHeader("Content-Type", "application/json").putHeader("X-API-Key", TestApp.API_KEY))
          .compose(request -> {
            Future<Void> written = request.end(body.apply(key).toBuffer()).onSuccess(v -> sent[0] = System.nanoTime());
            Future<Integer> answered = request.response().compose(r -> r.body().map(b -> r.statusCode()));
            return Future.join(written, answered).transform(all -> answered);
          })
          .transform(ar -> Future.succeededFuture(new Shot(key, sent[0], ar.succeeded() ? ar.result() : -1,
              ar.failed() ? String.valueOf(ar.cause()) : null, System.nanoTime())));
    }

    Future<Void> stop() {
      stopped.set(true);
      return Future.join(new ArrayList<>(loops)).mapEmpty();
    }
  }

  @AfterEach
  void stop() {
    if (child != null && child.alive()) {
      child.kill();
    }
  }

  @Test
  void sigterm_under_load_answers_what_arrived_and_loses_nothing_acknowledged(Vertx vertx, @TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");
    int port = TestApp.freePort();
    JsonObject overrides = new JsonObject()
        .put("verticles", new JsonArray(List.of("persistence", "normalization", "patterns", "http")))
        .put("http", new JsonObject().put("port", port).put("host", "127.0.0.1").put("instances", 2)
            .put("security", new JsonObject().put("rate_limit", new JsonObject().put("requests_per_second", 0))))
        // Counts reach the database only through the shutdown's flush.
        .put("patterns", new JsonObject().put("flush_interval_ms", 3_600_000))
        .put("shutdown", new JsonObject().put("timeout_ms", 30_000).put("refuse_after_ms", REFUSE_AFTER_MS))
        .put("database", new JsonObject().put("url", "")
            .put("embedded", new JsonObject().put("data_dir", data.toString()).put("port", 0)));
    child = IntakeProcess.configure(dir, "drain", overrides).standalone().start();
    String tag = UUID.randomUUID().toString().substring(0, 6);
    Load demo = new Load("/ingest/demo", 201, "drain-demo-" + tag, key -> new JsonObject().put("service", "drain")
        .put("severity", "sev3").put("description", key));
    Load logs = new Load("/logs", 202, "drain-log-" + tag, key -> new JsonObject().put("entries", new JsonArray()
        .add(new JsonObject().put("timestamp", Instant.now().toString()).put("level", "INFO")
            .put("message", key + " request served in 12 ms").put("service", "drain").put("host", "h1"))));
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setMaxPoolSize(16).setConnectTimeout(2000));
    try (Http http = new Http(vertx, port)) {
      TestApp.eventually(START, () -> {
        assertThat(child.alive()).as("child alive while starting:\n%s", child.tail(40)).isTrue();
        try {
          return http.get("/readyz").statusCode() == 200;
        } catch (AssertionError notYet) {
          return false;
        }
      });
      demo.start(vertx, client, 4);
      logs.start(vertx, client, 4);
      TestApp.eventually(Duration.ofSeconds(120),
          () -> demo.acked.get() >= ACKS_BEFORE_SIGNAL && logs.acked.get() >= ACKS_BEFORE_SIGNAL);

      long signal = System.nanoTime();
      child.terminate();
      long notReady = firstNotReady(vertx, port, signal);
      Integer exit = child.awaitExit(Duration.ofSeconds(60));
      long exited = System.nanoTime();
      TestApp.await(Future.join(demo.stop(), logs.stop()));
      client.close();
      assertThat(exit).as("exit status after SIGTERM (128 + 15)\n%s", child.tail(60)).isEqualTo(143);

      String report = String.format("shutdown took %d ms; readiness 503 %d ms after the signal; %s; %s",
          (exited - signal) / 1_000_000, (notReady - signal) / 1_000_000, summary(demo, signal), summary(logs, signal));
      System.out.println("GracefulShutdownTest: " + report);
      for (Load load : List.of(demo, logs)) {
        List<Shot> refusedBefore = load.shots.stream()
            .filter(s -> s.sentNanos() >= 0 && s.sentNanos() < signal && s.status() != load.expected).toList();
        assertThat(refusedBefore).as("%s: requests sent before the signal and not answered %d (%s)\n%s",
            load.path, load.expected, report, child.tail(60)).isEmpty();
        List<Shot> unexpected = load.shots.stream()
            .filter(s -> s.status() != load.expected && s.status() != 503 && s.status() != -1).toList();
        assertThat(unexpected).as("%s: answers other than %d, 503 or none", load.path, load.expected).isEmpty();
      }
      assertThat(notReady - signal).as("readiness 503 before requests are refused").isLessThan(REFUSE_AFTER_MS * 1_000_000);
      assertThat(Files.exists(data.resolve("pgdata/postmaster.pid")))
          .as("the embedded PostgreSQL stopped cleanly (postmaster.pid removed)").isFalse();
      for (String phase : List.of("shutdown: requests drained", "shutdown: patterns stopped", "shutdown: persistence stopped",
          "shutdown: embedded PostgreSQL stopped", "shutdown: complete")) {
        assertThat(child.lineOfLatestRun(phase)).as("log line '%s'\n%s", phase, child.tail(60)).isNotNull();
      }

      child.start();
      TestApp.eventually(START, () -> {
        assertThat(child.alive()).as("child alive while restarting:\n%s", child.tail(40)).isTrue();
        try {
          return http.get("/readyz").statusCode() == 200;
        } catch (AssertionError notYet) {
          return false;
        }
      });
      try (Connection db = CrashFaultTest.connect(data); Statement sql = db.createStatement()) {
        Map<String, Integer> items = count(sql, "SELECT description FROM work_items WHERE description LIKE '"
            + demo.tag + "-%'");
        Map<String, Integer> lines = count(sql, "SELECT split_part(message, ' ', 1) FROM log_events WHERE message LIKE '"
            + logs.tag + "-%'");
        assertStoredExactlyAcknowledged(demo, items);
        assertStoredExactlyAcknowledged(logs, lines);
        try (ResultSet rows = sql.executeQuery("SELECT coalesce(sum(count), 0) FROM log_patterns WHERE service = 'drain'")) {
          rows.next();
          assertThat(rows.getLong(1)).as("pattern counts saved at shutdown = /logs lines acknowledged\n%s", child.tail(400)).isEqualTo(logs.acked.get());
        }
      }
    }
  }

  /** Polls {@code /readyz} from the signal on; when it first answered 503. */
  private static long firstNotReady(Vertx vertx, int port, long signal) {
    try (Http probe = new Http(vertx, port)) {
      long deadline = signal + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        try {
          if (probe.get("/readyz").statusCode() == 503) {
            return System.nanoTime();
          }
        } catch (AssertionError gone) {
          return System.nanoTime(); // closed already: not ready either
        }
      }
      throw new AssertionError("/readyz still 200 10 s after SIGTERM");
    }
  }

  private static void assertStoredExactlyAcknowledged(Load load, Map<String, Integer> stored) {
    Set<String> acked = load.shots.stream().filter(s -> s.status() == load.expected).map(Shot::key)
        .collect(Collectors.toSet());
    assertThat(acked).as("%s acknowledged", load.path).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_SIGNAL);
    assertThat(stored.keySet()).as("%s: stored after the restart = acknowledged", load.path).isEqualTo(acked);
    assertThat(stored.values()).as("%s: stored once each", load.path).allMatch(n -> n == 1);
  }

  private static String summary(Load load, long signal) {
    long before = load.shots.stream().filter(s -> s.sentNanos() >= 0 && s.sentNanos() < signal).count();
    long afterServed = load.shots.stream().filter(s -> !(s.sentNanos() >= 0 && s.sentNanos() < signal)
        && s.status() == load.expected).count();
    long refused = load.shots.stream().filter(s -> s.status() == 503).count();
    long unanswered = load.shots.stream().filter(s -> s.status() == -1).count();
    long lastServedMs = load.shots.stream().filter(s -> s.status() == load.expected)
        .mapToLong(s -> (s.answeredNanos() - signal) / 1_000_000).max().orElse(0);
    return String.format("%s: %d sent before the signal (all answered %d), %d served after it (the last answered %d ms"
        + " after the signal), %d refused 503, %d unanswered (connection refused or closed)", load.path, before,
        load.expected, afterServed, lastServedMs, refused, unanswered);
  }

  private static Map<String, Integer> count(Statement sql, String query) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    try (ResultSet rows = sql.executeQuery(query)) {
      while (rows.next()) {
        counts.merge(rows.getString(1), 1, Integer::sum);
      }
    }
    return counts;
  }
}
