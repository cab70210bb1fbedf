package io.intake.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.Addresses;
import io.intake.bus.HandOffJson;
import io.intake.ops.Drain;
import io.intake.persistence.api.PatternChanges;
import io.intake.persistence.api.StoredPattern;
import io.intake.support.TestApp;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Raw lines held back while their stream's header layout is learned are counted once released:
 * after the hold time, and at a graceful stop before the last save.
 */
@ExtendWith(VertxExtension.class)
class LogPatternHoldBackTest {

  private static final int LINES = 5;

  private static SimulatedLine line(int i) {
    return new SimulatedLine("billing", "2026-11-29 03:00:0" + i + " WARN [worker-" + i + "] invoice " + (100 + i)
        + " retried after " + (i * 7) + " ms", "INFO");
  }

  private static String deploy(Vertx vertx, JsonObject config) {
    HandOffJson.install(vertx);
    return TestApp.await(vertx.deployVerticle(new LogPatternVerticle(), new DeploymentOptions()
        .setConfig(config.put("raise_work_items", false).put("flush_interval_ms", 50))));
  }

  @Test
  void heldLinesAreCountedOnceTheHoldTimeIsOver(Vertx vertx) {
    deploy(vertx, new JsonObject().put("persist", false).put("hold_ms", 200));
    PatternsClient patterns = new PatternsClient(vertx, DeliveryOptions::new);
    for (int i = 0; i < LINES; i++) {
      patterns.simulated(line(i));
    }
    TestApp.eventually(Duration.ofSeconds(10),
        () -> TestApp.await(patterns.list(new PatternsQuery("billing", null, 10))).linesMined() == LINES);
    PatternsPage page = TestApp.await(patterns.list(new PatternsQuery("billing", null, 10)));
    assertThat(page.patterns()).hasSize(1);
    assertThat(page.patterns().get(0).count()).isEqualTo(LINES);
    assertThat(page.patterns().get(0).template()).endsWith("invoice <*> retried after <*> ms");
    assertThat(page.patterns().get(0).levels()).containsEntry("warn", (long) LINES);
  }

  @Test
  void heldLinesAreCountedAndSavedByAGracefulStop(Vertx vertx) {
    List<PatternChanges> saves = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.PATTERNS_LOAD, m -> m.reply(StoredPattern.listToJson(List.of())));
    vertx.eventBus().<JsonObject>consumer(Addresses.PATTERNS_SAVE, m -> {
      PatternChanges changes = PatternChanges.fromJson(m.body());
      saves.add(changes);
      m.reply(new PatternChanges.Saved(changes.patterns().size(), 0).toJson());
    });
    // Held far longer than the test: only the stop releases them.
    String id = deploy(vertx, new JsonObject().put("persist", true).put("hold_ms", 600_000));
    PatternsClient patterns = new PatternsClient(vertx, DeliveryOptions::new);
    for (int i = 0; i < LINES; i++) {
      patterns.simulated(line(i));
    }
    // The list request is handled after the lines sent before it: they are held, not counted yet.
    PatternsPage held = TestApp.await(patterns.list(new PatternsQuery("billing", null, 10)));
    assertThat(held.linesMined()).isZero();
    assertThat(held.patterns()).isEmpty();

    Drain.of(vertx).begin(0);
    TestApp.await(vertx.undeploy(id));

    assertThat(saves).isNotEmpty();
    List<StoredPattern> saved = saves.get(saves.size() - 1).patterns();
    assertThat(saved).hasSize(1);
    assertThat(saved.get(0).service()).isEqualTo("billing");
    assertThat(saved.get(0).count()).isEqualTo(LINES);
    assertThat(saved.get(0).template()).endsWith("invoice <*> retried after <*> ms");
  }
}
