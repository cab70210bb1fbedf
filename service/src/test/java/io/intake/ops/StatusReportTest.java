package io.intake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.ops.StatusReport.Answer;
import io.intake.ops.StatusReport.Verdict;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusReportTest {

  private static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");
  private static final String URL = "http://localhost:8001";

  private static Answer healthz() {
    return new Answer(200, new JsonObject().put("status", "healthy").put("uptime", 4000.0).put("version", "1.0")
        .put("schema_version", "40").put("model", "all-MiniLM-L6-v2").put("last_item_at", "2026-11-29T05:59:30Z")
        .put("errors_last_5m", 0)
        .put("freshness", new JsonObject().put("last_enrichment_at", "2026-11-29T05:59:31Z")
            .put("last_item_by_source", new JsonObject().put("demo", "2026-11-29T05:59:30Z"))), null);
  }

  private static Answer readyz(boolean ready, String breaker) {
    return new Answer(ready ? 200 : 503, new JsonObject().put("status", ready ? "ready" : "not_ready")
        .put("checks", new JsonObject()
            .put("database", ready ? new JsonObject().put("status", "up").put("latency_ms", 2)
                : new JsonObject().put("status", "down").put("error", "connection refused"))
            .put("outbox", new JsonObject().put("pending", 3).put("dead", 0).put("oldest_pending_age_seconds", 12))
            .put("learner", new JsonObject().put("url_configured", true).put("breaker", breaker))), null);
  }

  private static Answer stats() {
    return new Answer(200, new JsonObject()
        .put("outbox", new JsonObject().put("pending", 3).put("dead", 1).put("oldest_pending_age_seconds", 12))
        .put("learner", new JsonObject().put("url_configured", true).put("breaker", "closed").put("delivered_total", 7)
            .put("last_delivery_at", "2026-11-29T05:58:00Z"))
        .put("enrichment", new JsonObject().put("queued", 2).put("in_flight", 1)
            .put("database", new JsonObject().put("unfinished", 5).put("failed", 0))), null);
  }

  @Test
  void all_well_is_healthy_exit_0_with_the_freshness_a_person_reads() {
    StatusReport report = new StatusReport(URL, healthz(), readyz(true, "closed"), stats(), NOW);
    assertThat(report.verdict()).isEqualTo(Verdict.HEALTHY);
    assertThat(report.verdict().exitCode).isZero();
    assertThat(report.toText())
        .startsWith("Intake at http://localhost:8001: HEALTHY")
        .contains("schema 40", "model all-MiniLM-L6-v2", "database up, 2 ms", "7 delivered, last 2 min ago",
            "3 pending, oldest 12 s, 1 dead letters", "backlog 5 (queued 2, in flight 1)", "last 29 s ago",
            "30 s ago (demo 30 s ago)");
  }

  @Test
  void not_ready_or_learner_unreachable_is_degraded_exit_1() {
    StatusReport dbDown = new StatusReport(URL, healthz(), readyz(false, "closed"), stats(), NOW);
    assertThat(dbDown.verdict()).isEqualTo(Verdict.DEGRADED);
    assertThat(dbDown.verdict().exitCode).isEqualTo(1);
    assertThat(dbDown.reasons()).containsExactly("not ready: database connection refused");

    Answer learnerDown = new Answer(200, stats().body().copy().put("learner", new JsonObject().put("url_configured", true)
        .put("breaker", "open").put("last_error", "Connection refused")), null);
    StatusReport learner = new StatusReport(URL, healthz(), readyz(true, "open"), learnerDown, NOW);
    assertThat(learner.verdict()).isEqualTo(Verdict.DEGRADED);
    assertThat(learner.reasons()).containsExactly("Learner unreachable (breaker open): Connection refused");
    assertThat(learner.toText()).contains("! Learner unreachable");
  }

  @Test
  void deliveries_stuck_for_long_are_degraded_but_only_with_a_learner_configured() {
    Answer stuck = new Answer(200, stats().body().copy()
        .put("outbox", new JsonObject().put("pending", 1).put("dead", 0).put("oldest_pending_age_seconds", 3600)), null);
    assertThat(new StatusReport(URL, healthz(), readyz(true, "closed"), stuck, NOW).verdict()).isEqualTo(Verdict.DEGRADED);

    JsonObject noLearner = stuck.body().copy().put("learner", new JsonObject().put("url_configured", false).put("breaker", "closed"));
    assertThat(new StatusReport(URL, healthz(), readyz(true, "closed"), new Answer(200, noLearner, null), NOW).verdict())
        .as("outcomes wait on purpose while no Learner is configured").isEqualTo(Verdict.HEALTHY);
  }

  @Test
  void no_answer_or_not_live_is_down_exit_2() {
    StatusReport refused = new StatusReport(URL, Answer.failed("Connection refused"), Answer.failed("not asked"),
        Answer.failed("not asked"), NOW);
    assertThat(refused.verdict()).isEqualTo(Verdict.DOWN);
    assertThat(refused.verdict().exitCode).isEqualTo(2);
    assertThat(refused.toText()).contains("DOWN", "no answer from http://localhost:8001: Connection refused");

    StatusReport dead = new StatusReport(URL, new Answer(503, new JsonObject().put("status", "unhealthy")
        .put("reason", "embedded PostgreSQL exited"), null), readyz(false, "closed"), stats(), NOW);
    assertThat(dead.verdict()).isEqualTo(Verdict.DOWN);
    assertThat(dead.reasons()).containsExactly("not live: embedded PostgreSQL exited");
  }

  @Test
  void without_the_admin_key_the_report_says_what_it_misses_and_judges_from_readyz() {
    StatusReport report = new StatusReport(URL, healthz(), readyz(true, "open"),
        new Answer(401, new JsonObject().put("error", "unauthorized"), null), NOW);
    assertThat(report.verdict()).isEqualTo(Verdict.DEGRADED);
    assertThat(report.toText()).contains("HTTP 401 (give the admin key: --api-key or INTAKE_API_KEY)");
  }

  @Test
  void the_json_form_carries_the_verdict_and_the_answers() {
    JsonObject json = new StatusReport(URL, healthz(), readyz(false, "closed"), stats(), NOW).toJson();
    assertThat(json.getString("status")).isEqualTo("degraded");
    assertThat(json.getInteger("exit_code")).isEqualTo(1);
    assertThat(json.getJsonObject("readyz").getInteger("http_status")).isEqualTo(503);
    assertThat(json.getJsonObject("healthz").getJsonObject("body").getString("schema_version")).isEqualTo("40");
  }

  @Test
  void defaults_come_from_the_environment() {
    assertThat(StatusCommand.defaultUrl(Map.of())).isEqualTo("http://localhost:8001");
    assertThat(StatusCommand.defaultUrl(Map.of("PORT", "9000"))).isEqualTo("http://localhost:9000");
    assertThat(StatusCommand.defaultUrl(Map.of("PORT", "9000", "INGEST_SERVICE_PORT", "9001"))).isEqualTo("http://localhost:9001");
    assertThat(StatusCommand.defaultUrl(Map.of("INTAKE_URL", "http://intake:8001", "PORT", "9000"))).isEqualTo("http://intake:8001");
    assertThat(StatusCommand.defaultApiKey(Map.of())).isEqualTo("development-key");
    assertThat(StatusCommand.defaultApiKey(Map.of("INTAKE_ADMIN_API_KEYS", " ,admin-1,admin-2"))).isEqualTo("admin-1");
    assertThat(StatusCommand.defaultApiKey(Map.of("INTAKE_API_KEY", "mine", "INTAKE_ADMIN_API_KEYS", "admin-1"))).isEqualTo("mine");
  }
}
