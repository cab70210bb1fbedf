package io.intake.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Mined patterns are saved in batches and restored at start: a restart keeps counting on the same ids. */
@ExtendWith(VertxExtension.class)
class LogPatternRestartTest {

  private static final JsonObject FAST_FLUSH = new JsonObject().put("flush_interval_ms", 100);

  private static JsonObject batch(int from, int n) {
    JsonArray entries = new JsonArray();
    for (int i = from; i < from + n; i++) {
      entries.add(new JsonObject().put("timestamp", "2024-01-11T10:00:0" + (i % 10) + "Z").put("level", i % 2 == 0 ? "info" : "warn")
          .put("service", "restart-svc").put("message", "Cache node " + i + " rebalanced in " + (10 + i) + " ms, " + (2048 * i) + " bytes (" + (2 * i) + " KB) moved"));
    }
    return new JsonObject().put("entries", entries);
  }

  private static JsonObject onlyPattern(Http http) {
    JsonArray patterns = http.get("/patterns?service=restart-svc").bodyAsJsonObject().getJsonArray("patterns");
    return patterns.size() == 1 ? patterns.getJsonObject(0) : null;
  }

  @Test
  void patternsSurviveARestartAndKeepCountingOnTheirIds(Vertx vertx) {
    String db = TestPostgres.newDatabase();
    int port = TestApp.freePort();
    JsonObject conf = new JsonObject().put("database", new JsonObject().put("url", db)).put("patterns", FAST_FLUSH);
    String first = TestApp.deploy(vertx, port, conf);
    Http http = new Http(vertx, port);
    assertThat(http.postJson("/logs", batch(0, 6)).statusCode()).isEqualTo(202);
    TestApp.eventually(Duration.ofSeconds(20), () -> onlyPattern(http) != null && onlyPattern(http).getLong("count") == 6);
    JsonObject before = onlyPattern(http);
    // The restated size shows as a value, though matching leaves it out: restored, it must still match.
    assertThat(before.getString("template")).isEqualTo("Cache node <*> rebalanced in <*> ms, <*> bytes (<*>) moved");
    // Saved in a batch, not per line: the row appears with the whole count.
    TestApp.eventually(Duration.ofSeconds(20), () -> TestPostgres.query(db,
        "SELECT count FROM log_patterns WHERE service = 'restart-svc'", r -> r.next() ? r.getLong(1) : -1L) == 6L);
    http.close();
    TestApp.await(vertx.undeploy(first));

    int port2 = TestApp.freePort();
    TestApp.deploy(vertx, port2, conf);
    Http again = new Http(vertx, port2);
    JsonObject restored = onlyPattern(again);
    assertThat(restored).isNotNull();
    assertThat(restored.getString("pattern_id")).isEqualTo(before.getString("pattern_id"));
    assertThat(restored.getString("template")).isEqualTo(before.getString("template"));
    assertThat(restored.getLong("count")).isEqualTo(6);
    assertThat(restored.getJsonObject("levels").getLong("info")).isEqualTo(3);
    // PostgreSQL keeps microseconds.
    assertThat(Instant.parse(restored.getString("first_seen")))
        .isEqualTo(Instant.parse(before.getString("first_seen")).truncatedTo(ChronoUnit.MICROS));
    assertThat(restored.getJsonArray("examples")).isEqualTo(before.getJsonArray("examples"));

    assertThat(again.postJson("/logs", batch(6, 4)).statusCode()).isEqualTo(202);
    TestApp.eventually(Duration.ofSeconds(20), () -> onlyPattern(again) != null && onlyPattern(again).getLong("count") == 10);
    assertThat(onlyPattern(again).getString("pattern_id")).isEqualTo(before.getString("pattern_id"));
    TestApp.eventually(Duration.ofSeconds(20), () -> TestPostgres.query(db,
        "SELECT count FROM log_patterns WHERE service = 'restart-svc'", r -> r.next() ? r.getLong(1) : -1L) == 10L);
    again.close();
  }
}
