package io.intake.persistence.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bus records: one JSON mapping each, the same value after a trip over the wire (JSON text between members). */
class ContractsTest {

  @Test
  void a_settlement_survives_the_wire_as_json_text() {
    Settlement sent = new Settlement(List.of(1L, 2L),
        List.of(new Settlement.Retry(3L, 1500L, "HTTP 503")), List.of(new Settlement.Dead(4L, "HTTP 400: bad")));
    // Between cluster members the body is JSON text; small numbers come back as Integer.
    Settlement received = Settlement.fromJson(new JsonObject(sent.toJson().encode()));
    assertThat(received).isEqualTo(sent);
    assertThat(received.isEmpty()).isFalse();
  }

  @Test
  void an_older_members_settlement_without_lists_is_empty() {
    assertThat(Settlement.fromJson(new JsonObject().put("delivered", new JsonArray().add(7)))).isEqualTo(
        new Settlement(List.of(7L), List.of(), List.of()));
  }

  @Test
  void an_outbox_entry_survives_the_wire() {
    OutboxEntry sent = new OutboxEntry(9L, "evt-1", "wi_1", new JsonObject().put("type", "resolved"), 2);
    assertThat(OutboxEntry.fromJson(new JsonObject(sent.toJson().encode()))).isEqualTo(sent);
  }

  @Test
  void a_recorded_outcome_reads_the_reply_and_ignores_what_it_does_not_know() {
    JsonObject reply = new JsonObject().put("outcome_id", "oc_1").put("event_id", "evt-1").put("work_item_id", "wi_1")
        .put("status", "resolved").put("released", new JsonArray());
    RecordedOutcome recorded = RecordedOutcome.fromJson(reply);
    assertThat(recorded).isEqualTo(new RecordedOutcome("oc_1", "evt-1", "wi_1", "resolved", false));
    assertThat(RecordedOutcome.fromJson(recorded.toJson())).isEqualTo(recorded);
  }

  @Test
  void a_saved_work_item_reads_the_save_reply() {
    JsonObject reply = new JsonObject().put("work_item_id", "wi_2").put("created_at", "2026-01-01T00:00:00Z")
        .put("occurrence_count", 3).put("merged", true);
    SavedWorkItem saved = SavedWorkItem.fromJson(reply);
    assertThat(saved).isEqualTo(new SavedWorkItem("wi_2", "2026-01-01T00:00:00Z", 3, true));
    assertThat(saved.toJson()).isEqualTo(reply);
  }
}
