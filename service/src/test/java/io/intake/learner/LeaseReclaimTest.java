package io.intake.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.fakes.FakeLearner;
import io.intake.fakes.FakeLearner.Mode;
import io.intake.support.Http;
import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that ends with outcomes leased and in flight (the Learner never answered) leaves leases
 * nobody settles. The next run on the same data directory is the same node: it takes them back
 * at start and delivers them in seconds, not after the lease (71 s with the default settings).
 */
@ExtendWith(VertxExtension.class)
class LeaseReclaimTest {

  private static JsonObject overrides(Path dir, FakeLearner learner) {
    return new JsonObject()
        .put("verticles", new io.vertx.core.json.JsonArray(List.of("persistence", "learner", "normalization", "http")))
        .put("database", new JsonObject().put("url", "")
            .put("embedded", new JsonObject().put("data_dir", dir.toString()).put("port", 0)))
        .put("learner", new JsonObject().put("url", learner.url()));
  }

  @Test
  void a_restarted_node_takes_back_its_leases_at_once(Vertx vertx, @TempDir Path dir) {
    FakeLearner learner = new FakeLearner(vertx).start();
    learner.mode(Mode.SLOW);
    learner.slowMs(600_000); // never answers within the run
    Set<String> events = new HashSet<>();
    Vertx first = Vertx.vertx();
    int port = TestApp.freePort();
    TestApp.deploy(first, port, overrides(dir, learner));
    try (Http http = new Http(first, port)) {
      for (int i = 0; i < 5; i++) {
        String id = http.postJson("/ingest/demo", new JsonObject().put("service", "api").put("severity", "sev2")
            .put("description", "lease test " + i)).bodyAsJsonObject().getString("work_item_id");
        events.add(http.postJson("/work-items/" + id + "/outcome", new JsonObject().put("type", "escalated")
            .put("actor_id", "h")).bodyAsJsonObject().getString("event_id"));
      }
      TestApp.eventually(Duration.ofSeconds(30), () -> new HashSet<>(learner.eventIds()).containsAll(events));
    }
    TestApp.await(first.close()); // the leases stay behind, as after a crash
    assertThat(dir.resolve("node-id")).as("the node's identity, kept for the next run").exists();

    learner.mode(Mode.OK);
    learner.received().clear();
    Vertx second = Vertx.vertx();
    try {
      long started = System.nanoTime();
      TestApp.deploy(second, TestApp.freePort(), overrides(dir, learner));
      TestApp.eventually(Duration.ofSeconds(15), () -> new HashSet<>(learner.eventIds()).containsAll(events));
      System.out.printf("lease reclaim: %d outcomes delivered %.1f s after the restart began%n", events.size(),
          (System.nanoTime() - started) / 1e9);
    } finally {
      TestApp.await(second.close());
      learner.stop();
    }
  }
}
