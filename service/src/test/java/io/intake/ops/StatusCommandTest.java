package io.intake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** {@code intake status} against a running app: its exit codes, its text and its JSON; and what /healthz now says. */
@ExtendWith(VertxExtension.class)
class StatusCommandTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  /** Exit code and output of {@code intake status ARGS}, with an empty environment (the defaults are tested elsewhere). */
  private record Run(int exit, String out) {
  }

  private static Run status(String... args) {
    StringWriter out = new StringWriter();
    int exit = new CommandLine(new StatusCommand(Map.of())).setOut(new PrintWriter(out)).execute(args);
    return new Run(exit, out.toString());
  }

  private static String url(Http http) {
    return "http://127.0.0.1:" + http.port();
  }

  @Test
  void a_healthy_app_exits_0_and_the_json_form_parses(Vertx vertx) {
    try (RunningApp app = RunningApp.start(vertx)) {
      Run text = status("--url", url(app.http()));
      assertThat(text.exit()).as(text.out()).isZero();
      assertThat(text.out()).startsWith("Intake at " + url(app.http()) + ": HEALTHY").contains("ready (database up");

      Run json = status("--url", url(app.http()), "--json");
      assertThat(json.exit()).isZero();
      JsonObject parsed = new JsonObject(json.out());
      assertThat(parsed.getString("status")).isEqualTo("healthy");
      assertThat(parsed.getJsonObject("stats").getInteger("http_status")).as("the development key opens /stats").isEqualTo(200);

      Run wrongKey = status("--url", url(app.http()), "--api-key", "not-a-key");
      assertThat(wrongKey.exit()).as("a wrong key hides figures, it does not make the service unwell").isZero();
      assertThat(wrongKey.out()).contains("stats       HTTP 401");
    }
  }

  @Test
  void an_app_whose_learner_is_unreachable_exits_1(Vertx vertx) {
    int closed = TestApp.freePort();
    try (RunningApp app = RunningApp.start(vertx, new JsonObject().put("learner", new JsonObject()
        .put("url", "http://127.0.0.1:" + closed + "/outcomes")
        .put("poll_interval_ms", 100).put("request_timeout_ms", 500).put("backoff_base_ms", 50).put("backoff_max_ms", 200)
        .put("breaker", new JsonObject().put("max_failures", 1).put("reset_timeout_ms", 600_000))))) {
      Http http = app.http();
      String id = http.postJson("/ingest/demo", new JsonObject().put("service", "api").put("severity", "sev2")
          .put("description", "status test")).bodyAsJsonObject().getString("work_item_id");
      assertThat(http.postJson("/work-items/" + id + "/outcome", new JsonObject().put("type", "escalated")
          .put("actor_id", "human_1")).statusCode()).isEqualTo(200);

      TestApp.eventually(DEADLINE, () -> status("--url", url(http)).exit() == 1);
      Run run = status("--url", url(http));
      assertThat(run.out()).contains(": DEGRADED", "! Learner unreachable (breaker open)");
      assertThat(new JsonObject(status("--url", url(http), "--json").out()).getJsonArray("reasons").getString(0))
          .startsWith("Learner unreachable");
    }
  }

  @Test
  void nothing_listening_exits_2() {
    Run run = status("--url", "http://127.0.0.1:" + TestApp.freePort(), "--timeout-ms", "2000");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).contains(": DOWN", "no answer from");
    Run json = status("--url", "http://127.0.0.1:" + TestApp.freePort(), "--json");
    assertThat(new JsonObject(json.out()).getString("status")).isEqualTo("down");
  }

  @Test
  void healthz_tells_schema_version_last_item_and_recent_errors_from_memory(Vertx vertx) {
    try (RunningApp app = RunningApp.start(vertx)) {
      Http http = app.http();
      JsonObject before = http.get("/healthz").bodyAsJsonObject();
      assertThat(before.getString("schema_version")).as("the version this process migrated to")
          .isEqualTo(app.text("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1"));
      assertThat(before.getValue("last_item_at")).isNull();
      assertThat(before.getLong("errors_last_5m")).isNotNull().isGreaterThanOrEqualTo(0);
      assertThat(before.containsKey("model")).isTrue();

      assertThat(http.postJson("/ingest/demo", new JsonObject().put("service", "api").put("severity", "sev3")
          .put("description", "fresh")).statusCode()).isEqualTo(201);
      TestApp.eventually(DEADLINE, () -> http.get("/healthz").bodyAsJsonObject().getString("last_item_at") != null);
      JsonObject after = http.get("/healthz").bodyAsJsonObject();
      assertThat(after.getJsonObject("freshness").getJsonObject("last_item_by_source").getString("demo"))
          .isEqualTo(after.getString("last_item_at"));
    }
  }
}
