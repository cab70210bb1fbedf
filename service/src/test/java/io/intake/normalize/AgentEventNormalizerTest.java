package io.intake.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.model.AgentEvent;
import io.intake.model.Severity;
import io.intake.model.WorkItemDraft;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentEventNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static String event(String type, String status, String extraRun) {
    return """
        {"event_version":"v0","event_id":"123e4567-e89b-12d3-a456-426614174000","event_type":"%s",
         "occurred_at":"2026-11-22T21:00:00Z",
         "tenant":{"tenant_id":"t1","workspace_id":"w1","project_id":"p1"},
         "run":{"run_id":"r1","agent_id":"Support Bot","workflow_id":"wf1","status":"%s"%s},
         "trace":{"trace_id":"tr1","span_id":"sp1"}}""".formatted(type, status, extraRun);
  }

  private static SourceAction.RecordAgentEvent run(SourceNormalizer normalizer, String body) throws Exception {
    List<SourceAction> actions = normalizer.actions(JSON.readTree(body), body);
    assertThat(actions).hasSize(1);
    return (SourceAction.RecordAgentEvent) actions.get(0);
  }

  @Test
  void every_event_is_stored_with_its_columns() throws Exception {
    String body = event("run.completed", "completed", ",\"cost_usd\":0.0125,\"latency_ms\":1834");
    SourceAction.RecordAgentEvent action = run(ShippedSources.normalizer("agent_events"), body);
    AgentEvent e = action.event();
    assertThat(e).isEqualTo(new AgentEvent("123e4567-e89b-12d3-a456-426614174000", "v0", "run.completed",
        "2026-11-22T21:00:00Z", "t1", "w1", "p1", "r1", "Support Bot", "wf1", "completed", 0.0125, 1834.0, "tr1", "sp1", body));
    assertThat(action.failure()).isNull();
    assertThat(AgentEvent.fromJson(e.toJson())).isEqualTo(e);
  }

  @Test
  void a_failed_run_raises_one_work_item_per_run_when_configured() throws Exception {
    String body = event("run.failed", "failed", ",\"error\":{\"type\":\"ToolError\",\"message\":\"search tool timed out\"}");
    WorkItemDraft draft = run(ShippedSources.normalizer("agent_events"), body).failure();
    assertThat(draft.source()).isEqualTo("agent_events");
    assertThat(draft.type()).isEqualTo("incident");
    assertThat(draft.severity()).isEqualTo(Severity.SEV2);
    assertThat(draft.service()).isEqualTo("support-bot");
    assertThat(draft.description()).isEqualTo("Agent run failed: agent Support Bot, workflow wf1, run r1: search tool timed out");
    assertThat(draft.nativeKey().key()).isEqualTo("r1");
    assertThat(draft.nativeKey().refs()).containsEntry("tenant_id", "t1").containsEntry("trace_id", "tr1");
    assertThat(draft.identity().merges()).isFalse();

    SourceNormalizer off = ShippedSources.normalizers(new JsonObject().put("agent_events",
        new JsonObject().put("run_failed_work_items", false))).get("agent_events");
    assertThat(run(off, body).failure()).isNull();
  }
}
