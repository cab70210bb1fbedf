package io.intake.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outcome, its outbox row and the status change commit together or not at all. A trigger in
 * the real database makes the outbox insert fail for one actor, after the outcome row was written.
 */
@ExtendWith(VertxExtension.class)
class OutcomeTransactionTest {

  private static RunningApp app;
  private static String databaseUrl;
  private static Http http;

  @BeforeAll
  static void start(Vertx vertx) {
    app = RunningApp.start(vertx);
    databaseUrl = app.databaseUrl();
    http = app.http();
    TestPostgres.execute(databaseUrl, """
        CREATE FUNCTION fail_outbox() RETURNS trigger AS $$
        BEGIN
          IF NEW.payload->>'actor_id' = 'fail-outbox' THEN RAISE EXCEPTION 'injected outbox failure'; END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""");
    TestPostgres.execute(databaseUrl,
        "CREATE TRIGGER fail_outbox BEFORE INSERT ON outcome_outbox FOR EACH ROW EXECUTE FUNCTION fail_outbox()");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void a_failed_outbox_write_leaves_no_outcome_and_no_status_change() {
    String id = http.postJson("/ingest/demo", new JsonObject().put("service", "api").put("severity", "sev2")
        .put("description", "tx")).bodyAsJsonObject().getString("work_item_id");

    HttpResponse<Buffer> failed = http.postJson("/work-items/" + id + "/outcome",
        new JsonObject().put("type", "resolved").put("actor_id", "fail-outbox"));
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.bodyAsJsonObject().getString("error")).isEqualTo("internal_error");
    assertThat(failed.bodyAsString()).as("no database detail leaks").doesNotContain("injected");
    assertThat(count("outcomes", id)).isZero();
    assertThat(count("outcome_outbox", id)).isZero();
    assertThat(http.get("/work-items/" + id).bodyAsJsonObject().getString("status")).isEqualTo("open");

    HttpResponse<Buffer> ok = http.postJson("/work-items/" + id + "/outcome",
        new JsonObject().put("type", "resolved").put("actor_id", "human_1"));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(count("outcomes", id)).isEqualTo(1);
    assertThat(count("outcome_outbox", id)).isEqualTo(1);
    assertThat(http.get("/work-items/" + id).bodyAsJsonObject().getString("status")).isEqualTo("resolved");
  }

  private static long count(String table, String workItemId) {
    return TestPostgres.query(databaseUrl,
        "SELECT count(*) FROM " + table + " WHERE work_item_id = '" + workItemId + "'", r -> r.next() ? r.getLong(1) : -1);
  }
}
