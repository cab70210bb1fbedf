package io.intake.bench;

import io.intake.fakes.FakeLearner;
import io.intake.persistence.DatabaseSettings;
import io.intake.persistence.Migrations;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Outcomes per second forwarded from the outbox to a Learner that answers at once, against a
 * baseline measured in the same run: bare HTTP POSTs of the same bodies to the same server at the
 * same concurrency (no database, no outbox). Prints figures; asserts nothing about speed.
 *
 * <p>Run: {@code mvn -B -Pbench test -Dtest=LearnerForwardingBenchmark}
 */
@Tag("benchmark")
class LearnerForwardingBenchmark {

  private static final int OUTCOMES = Integer.getInteger("bench.outcomes", 20_000);
  private static final int CONCURRENCY = 32;

  @Test
  void forwarding_throughput_against_bare_http() {
    Vertx learnerVertx = Vertx.vertx();
    FakeLearner learner = new FakeLearner(learnerVertx).start();
    try {
      bareHttp(learner); // warm-up: the JIT should not count against the baseline
      double bare = bareHttp(learner);
      for (int batch : new int[] {100, 200, 500}) {
        learner.received().clear();
        double forwarded = forwarder(learner, batch);
        System.out.printf(Locale.ROOT, "RESULT learner-forwarding outcomes=%d batch=%d forwarded=%.0f/s bare-http=%.0f/s ratio=%.2f%n",
            OUTCOMES, batch, forwarded, bare, forwarded / bare);
      }
    } finally {
      learner.stop();
      TestApp.await(learnerVertx.close());
    }
  }

  /** Same bodies, same server, same concurrency, nothing else. */
  private static double bareHttp(FakeLearner learner) {
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(CONCURRENCY).setKeepAlive(true));
    AtomicInteger next = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    AtomicInteger finished = new AtomicInteger();
    long started = System.nanoTime();
    for (int i = 0; i < CONCURRENCY; i++) {
      vertx.runOnContext(v -> sendNext(client, learner, next, finished, done));
    }
    TestApp.await(done.future());
    double rate = OUTCOMES / ((System.nanoTime() - started) / 1e9);
    TestApp.await(vertx.close());
    return rate;
  }

  private static void sendNext(WebClient client, FakeLearner learner, AtomicInteger next, AtomicInteger finished,
      Promise<Void> done) {
    int n = next.getAndIncrement();
    if (n >= OUTCOMES) {
      return;
    }
    client.postAbs(learner.url() + "/outcomes").sendJsonObject(body(n)).onComplete(r -> {
      if (finished.incrementAndGet() == OUTCOMES) {
        done.tryComplete();
      } else {
        sendNext(client, learner, next, finished, done);
      }
    });
  }

  private static JsonObject body(int n) {
    return new JsonObject().put("event_id", "evt-" + n).put("decision_id", null).put("work_item_id", "wi_b" + n)
        .put("type", "resolved").put("actor_id", "h").put("service", "bench")
        .put("timestamp", "2026-11-22T20:00:00Z").put("new_assignee_id", null);
  }

  /** Fills the outbox with OUTCOMES entries (one per work item), then times the forwarder draining it. */
  private static double forwarder(FakeLearner learner, int batch) {
    String url = TestPostgres.newDatabase();
    Migrations.migrate(DatabaseSettings.fromUrl(url));
    TestPostgres.execute(url, """
        INSERT INTO work_items (id, type, service, severity, description, created_at, source, fingerprint, last_seen_at, updated_at)
          SELECT 'wi_b' || g, 'incident', 'bench', 'sev3', 'x', now(), 'demo', md5(g::text), now(), now()
          FROM generate_series(0, %1$d - 1) g;
        INSERT INTO outcomes (id, work_item_id, event_id, type, actor_id, service, timestamp)
          SELECT 'out_b' || g, 'wi_b' || g, 'evt-' || g, 'resolved', 'h', 'bench', '2026-11-22T20:00:00Z'
          FROM generate_series(0, %1$d - 1) g;
        INSERT INTO outcome_outbox (outcome_id, event_id, work_item_id, payload)
          SELECT 'out_b' || g, 'evt-' || g, 'wi_b' || g, jsonb_build_object('event_id', 'evt-' || g,
            'decision_id', null, 'work_item_id', 'wi_b' || g, 'type', 'resolved', 'actor_id', 'h',
            'service', 'bench', 'timestamp', '2026-11-22T20:00:00Z', 'new_assignee_id', null)
          FROM generate_series(0, %1$d - 1) g;
        """.formatted(OUTCOMES));
    Vertx app = Vertx.vertx();
    try {
      TestApp.deploy(app, TestApp.freePort(), new JsonObject()
          .put("database", new JsonObject().put("url", url))
          .put("learner", new JsonObject().put("url", learner.url()).put("batch_size", batch)
              .put("concurrency", CONCURRENCY).put("poll_interval_ms", 100)));
      TestApp.eventually(Duration.ofMinutes(5), () -> learner.received().size() >= OUTCOMES);
      long first = learner.received().get(0).atMillis();
      long last = learner.received().get(learner.received().size() - 1).atMillis();
      TestApp.eventually(Duration.ofMinutes(1), () -> TestPostgres.query(url,
          "SELECT count(*) FROM outcome_outbox WHERE status = 'delivered'", r -> r.next() && r.getLong(1) == OUTCOMES));
      return OUTCOMES / Math.max(0.001, (last - first) / 1000.0);
    } finally {
      TestApp.await(app.close());
    }
  }
}
