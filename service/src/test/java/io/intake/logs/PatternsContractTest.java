package io.intake.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.Addresses;
import io.intake.bus.Failure;
import io.intake.bus.HandOffJson;
import io.intake.support.TestApp;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The log-pattern verticle's bus contract: its records map to exactly the JSON callers and older
 * cluster members exchange, and bodies that do not decode are answered 400 (request/reply) or
 * dropped without stopping the feed (fire-and-forget).
 */
@ExtendWith(VertxExtension.class)
class PatternsContractTest {

  private static final JsonObject PATTERN_JSON = new JsonObject()
      .put("pattern_id", "p3")
      .put("service", "checkout")
      .put("template", "Payment <*> declined")
      .put("count", 7L)
      .put("levels", new JsonObject().put("error", 5L).put("info", 2L))
      .put("first_seen", "2026-11-29T03:00:00.123456Z")
      .put("last_seen", null)
      .put("examples", new JsonArray().add("Payment 42 declined"))
      .put("history", new JsonArray().add(0L).add(4L).add(3L));

  private static final JsonObject PAGE_JSON = new JsonObject()
      .put("patterns", new JsonArray().add(PATTERN_JSON))
      .put("total", 12)
      .put("history_interval_seconds", 10.0)
      .put("lines_mined", 90L)
      .put("work_item_saves", 2L)
      .put("save_failures", 1L)
      .put("pattern_saves", 3L)
      .put("pattern_save_failures", 0L);

  @Test
  void feedRecordsMapToTodaysJson() {
    MineLines batch = new MineLines(List.of(new MineLines.LogLine("checkout", "error", "Payment 42 declined"),
        new MineLines.LogLine(null, null, "no service")));
    assertThat(batch.toJson()).isEqualTo(new JsonObject().put("lines", new JsonArray()
        .add(new JsonObject().put("service", "checkout").put("level", "error").put("message", "Payment 42 declined"))
        .add(new JsonObject().put("service", "unknown").put("level", null).put("message", "no service"))));
    assertThat(MineLines.fromJson(new JsonObject(batch.toJson().encode()))).isEqualTo(batch);
    assertThat(MineLines.fromJson(new JsonObject()).lines()).isEmpty();

    SimulatedLine line = new SimulatedLine("sim", "ERROR boom", "ERROR");
    assertThat(line.toJson()).isEqualTo(new JsonObject().put("service", "sim").put("level", "ERROR").put("line", "ERROR boom"));
    assertThat(SimulatedLine.fromJson(line.toJson())).isEqualTo(line);
  }

  @Test
  void queryDefaultsItsLimitAndRoundTrips() {
    assertThat(PatternsQuery.fromJson(new JsonObject())).isEqualTo(new PatternsQuery(null, null, 100));
    PatternsQuery query = new PatternsQuery("checkout", "error", 5);
    assertThat(query.toJson()).isEqualTo(new JsonObject().put("limit", 5).put("service", "checkout").put("level", "error"));
    assertThat(PatternsQuery.fromJson(query.toJson())).isEqualTo(query);
    assertThat(new PatternsQuery(null, null, 7).toJson()).isEqualTo(new JsonObject().put("limit", 7));
  }

  @Test
  void pageRoundTripsToTodaysJsonAlsoAcrossTheWire() {
    PatternsPage page = PatternsPage.fromJson(PAGE_JSON);
    MinedPattern p = page.patterns().get(0);
    assertThat(p.levels()).isEqualTo(Map.of("error", 5L, "info", 2L));
    assertThat(p.firstSeen()).isEqualTo(Instant.parse("2026-11-29T03:00:00.123456Z"));
    assertThat(p.lastSeen()).isNull();
    assertThat(p.history()).containsExactly(0L, 4L, 3L);
    assertThat(p.raisesItems()).isTrue();
    assertThat(page.toJson()).isEqualTo(PAGE_JSON);
    // Between members numbers arrive as text and come back as Integer: same record.
    assertThat(PatternsPage.fromJson(new JsonObject(PAGE_JSON.encode()))).isEqualTo(page);
    assertThat(page.toJson().getJsonArray("patterns").getJsonObject(0).fieldNames())
        .containsExactlyInAnyOrderElementsOf(PATTERN_JSON.fieldNames());
  }

  @Test
  void badListBodiesAreAnswered400NamingTheFieldAndBadFeedBodiesAreDropped(Vertx vertx) {
    HandOffJson.install(vertx);
    TestApp.await(vertx.deployVerticle(new LogPatternVerticle(), new DeploymentOptions()
        .setConfig(new JsonObject().put("persist", false).put("raise_work_items", false))));
    for (var bad : Map.of("limit", new JsonObject().put("limit", "ten"), "service", new JsonObject().put("service", 5),
        "level", new JsonObject().put("level", true), "negative", new JsonObject().put("limit", -1)).entrySet()) {
      Throwable failure = TestApp.await(vertx.eventBus().request(Addresses.PATTERNS_LIST, bad.getValue())
          .map(reply -> (Throwable) null).otherwise(e -> e));
      assertThat(failure).as(bad.getKey()).isInstanceOf(ReplyException.class);
      assertThat(((ReplyException) failure).failureCode()).as(bad.getKey()).isEqualTo(Failure.INVALID.code());
      assertThat(failure.getMessage()).as(bad.getKey()).contains(bad.getKey().equals("negative") ? "limit" : bad.getKey());
    }

    PatternsClient patterns = new PatternsClient(vertx, DeliveryOptions::new);
    // A line without a message drops its batch; the feed goes on with the next body.
    vertx.eventBus().send(Addresses.PATTERNS_MINE, new JsonObject().put("lines", new JsonArray()
        .add(new JsonObject().put("service", "checkout").put("message", "Payment 1 declined"))
        .add(new JsonObject().put("service", "checkout"))));
    vertx.eventBus().send(Addresses.SIMULATOR_LOG_LINE, new JsonObject().put("service", "sim"));
    vertx.eventBus().send(Addresses.PATTERNS_MINE, "not an object");
    patterns.mine(new MineLines(List.of(new MineLines.LogLine("checkout", "error", "Payment 42 declined"),
        new MineLines.LogLine("checkout", "error", "Payment 43 declined"))));
    patterns.simulated(new SimulatedLine("sim", "2026-11-29 03:00:00 WARN cache cold", "INFO"));
    TestApp.eventually(Duration.ofSeconds(10),
        () -> TestApp.await(patterns.list(new PatternsQuery(null, null, 10))).linesMined() == 3);

    PatternsPage checkout = TestApp.await(patterns.list(new PatternsQuery("checkout", "error", 10)));
    assertThat(checkout.total()).isEqualTo(1);
    assertThat(checkout.patterns().get(0).count()).isEqualTo(2);
    assertThat(checkout.patterns().get(0).levels()).containsEntry("error", 2L);
    assertThat(TestApp.await(patterns.list(new PatternsQuery(null, null, 0))).patterns()).isEmpty();
    assertThat(TestApp.await(patterns.list(new PatternsQuery("sim", null, 10))).patterns()).hasSize(1);
  }
}
