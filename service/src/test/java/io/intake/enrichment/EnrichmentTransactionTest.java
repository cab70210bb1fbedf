package io.intake.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A batch's results (cleaned text, vector, coordinates, indexed state, semantic merge) commit in
 * one transaction: a statement failing after the item's row was written leaves nothing of the
 * batch's indexing behind, and the pass is redone once the failure is gone. A trigger in the real
 * database makes the merge record fail, after the item's row and the merge link were written.
 */
@ExtendWith(VertxExtension.class)
class EnrichmentTransactionTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @Test
  void aStatementFailingMidBatchLeavesNothingHalfWrittenAndTheBatchIsRedone(Vertx vertx) {
    try (RunningApp app = RunningApp.start(vertx, new JsonObject()
        .put("vectors", new JsonObject().put("dedup", new JsonObject().put("enabled", true)))
        .put("enrichment", new JsonObject().put("retry_delay_ms", 300)))) {
      String db = app.databaseUrl();
      TestPostgres.execute(db, "CREATE TABLE inject_merge_failure (on_ boolean)");
      TestPostgres.execute(db, """
          CREATE FUNCTION fail_merge() RETURNS trigger AS $$
          BEGIN
            IF EXISTS (SELECT 1 FROM inject_merge_failure) THEN RAISE EXCEPTION 'injected merge failure'; END IF;
            RETURN NEW;
          END $$ LANGUAGE plpgsql""");
      TestPostgres.execute(db,
          "CREATE TRIGGER fail_merge BEFORE INSERT ON work_item_merges FOR EACH ROW EXECUTE FUNCTION fail_merge()");
      Http http = app.http();
      String first = EnrichmentFlowTest.create(http, "payments", "Database connection timeout after 30s on db-primary", null);
      EnrichmentFlowTest.indexed(http, first);

      TestPostgres.execute(db, "INSERT INTO inject_merge_failure VALUES (true)");
      String twin = EnrichmentFlowTest.create(http, "payments", "Database connection timed out after 31s on db-primary", null);
      // The index pass failed at least once (the attempt is recorded by the pass's setback).
      TestApp.eventually(DEADLINE, () -> app.count("SELECT count(*) FROM work_items WHERE id = '" + twin
          + "' AND enrichment_error LIKE 'index:%'") == 1);
      assertThat(app.text("SELECT enrichment_state FROM work_items WHERE id = '" + twin + "'"))
          .as("not indexed: the state went back with the rest of the transaction").isNotEqualTo("indexed");
      assertThat(app.count("SELECT count(*) FROM work_items WHERE id = '" + twin + "' AND (merged_into IS NOT NULL"
          + " OR embedding_3d_x IS NOT NULL)")).as("no merge link, no coordinates").isZero();
      assertThat(app.count("SELECT count(*) FROM work_item_merges")).isZero();
      assertThat(app.count("SELECT occurrence_count FROM work_items WHERE id = '" + first + "'"))
          .as("the target was not counted").isEqualTo(1);
      assertThat(app.text("SELECT embedding_model FROM work_items WHERE id = '" + twin + "'"))
          .as("the vector the model computed is kept for the next pass (embedded state)")
          .isEqualTo("all-minilm-l6-v2-q");

      TestPostgres.execute(db, "DELETE FROM inject_merge_failure");
      JsonObject merged = EnrichmentFlowTest.indexed(http, twin);
      assertThat(merged.getString("merged_into")).isEqualTo(first);
      assertThat(merged.getJsonObject("embedding_3d")).isNotNull();
      assertThat(app.count("SELECT count(*) FROM work_item_merges WHERE work_item_id = '" + twin + "'")).isEqualTo(1);
      assertThat(http.get("/work-items/" + first).bodyAsJsonObject().getInteger("occurrence_count"))
          .as("counted once, by the pass that committed").isEqualTo(2);
      assertThat(app.text("SELECT octet_length(embedding)::text FROM work_items WHERE id = '" + twin + "'"))
          .isEqualTo(Integer.toString(384 * 4));
    }
  }
}
