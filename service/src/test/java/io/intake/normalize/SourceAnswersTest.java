package io.intake.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceAnswersTest {

  private static final ObjectNode NO_PAYLOAD = new ObjectMapper().createObjectNode();

  @Test
  void a_result_travels_as_json_and_back_unchanged_with_absent_fields_left_out() {
    List<ActionResult> results = List.of(
        ActionResult.saved("fp-1", "wi-1", "2026-11-29T01:00:00Z", 3, true),
        ActionResult.outcome("resolved", "fp-2", "wi-2", "oc-1", "am:resolved:wi-2", "resolved", false),
        ActionResult.acknowledged("fp-3", "wi-3"),
        ActionResult.agentEvent("ev-1", false, null),
        ActionResult.ignored("fp-4", "no_open_item", "No open work item has this key"));

    for (ActionResult r : results) {
      JsonObject wire = new JsonObject(r.toJson().encode());
      assertThat(ActionResult.fromJson(wire)).isEqualTo(r);
      assertThat(wire.getMap().values()).doesNotContainNull();
    }
    assertThat(results.get(0).toJson().fieldNames())
        .containsExactlyInAnyOrder("action", "key", "work_item_id", "created_at", "occurrence_count", "merged");
    assertThat(results.get(0).action()).isEqualTo("updated");
    assertThat(results.get(3).action()).isEqualTo("duplicate");
  }

  @Test
  void a_repeat_of_our_own_format_is_200_with_its_count_and_a_new_item_201() {
    SourceAnswers.Answer repeat = SourceAnswers.direct(List.of(ActionResult.saved("k", "wi-1", "t0", 4, true)), NO_PAYLOAD);
    SourceAnswers.Answer created = SourceAnswers.direct(List.of(ActionResult.saved("k", "wi-2", "t1", 1, false)), NO_PAYLOAD);

    assertThat(repeat.status()).isEqualTo(200);
    assertThat(repeat.body().getInteger("occurrence_count")).isEqualTo(4);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().getString("work_item_id")).isEqualTo("wi-2");
    assertThat(created.body().containsKey("occurrence_count")).isFalse();
  }

  @Test
  void a_payload_that_did_nothing_says_why() {
    SourceAnswers.Answer jira = SourceAnswers.jira(List.of(ActionResult.ignored("ISS-1", "unsupported_event", "Not handled")), NO_PAYLOAD);
    SourceAnswers.Answer single = SourceAnswers.single(List.of(ActionResult.ignored("k", "no_open_item", "No open work item has this key")), NO_PAYLOAD);

    assertThat(jira.body().getBoolean("processed")).isFalse();
    assertThat(jira.body().getString("reason")).isEqualTo("unsupported_event");
    assertThat(single.body().getString("action")).isEqualTo("ignored");
    assertThat(single.body().getString("message")).isEqualTo("No open work item has this key");
  }

  @Test
  void alerts_are_answered_one_result_each_in_order() {
    SourceAnswers.Answer answer = SourceAnswers.perAlert(List.of(
        ActionResult.saved("a", "wi-1", "t0", 1, false),
        ActionResult.outcome("resolved", "b", "wi-2", "oc-1", "e", "resolved", true)), NO_PAYLOAD);

    assertThat(answer.body().getBoolean("processed")).isTrue();
    assertThat(answer.body().getJsonArray("alerts").getJsonObject(0).getString("action")).isEqualTo("created");
    assertThat(answer.body().getJsonArray("alerts").getJsonObject(1).getBoolean("replayed")).isTrue();
  }
}
