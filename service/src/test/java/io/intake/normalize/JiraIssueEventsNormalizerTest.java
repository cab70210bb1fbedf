package io.intake.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.model.OutcomeType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JiraIssueEventsNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SourceNormalizer jira = ShippedSources.normalizer("jira");

  /** A Jira Cloud jira:issue_updated with the given changelog items and current status. */
  static String updated(String assignee, String statusName, String category, String items) {
    String categoryJson = category == null ? "" : ",\"statusCategory\":{\"id\":3,\"key\":\"" + category + "\",\"name\":\"x\"}";
    String assigneeJson = assignee == null ? "null" : "{\"accountId\":\"" + assignee + "\"}";
    return """
        {"timestamp":1795341600000,"webhookEvent":"jira:issue_updated","issue_event_type_name":"issue_generic",
         "user":{"accountId":"acc-actor","displayName":"Ana"},
         "issue":{"id":"10042","key":"OPS-42","fields":{"summary":"Disk full on db-3","project":{"key":"OPS"},
           "priority":{"name":"High"},"assignee":%s,"status":{"name":"%s"%s}}},
         "changelog":{"id":"20077","items":[%s]}}""".formatted(assigneeJson, statusName, categoryJson, items);
  }

  static String statusItem(String from, String to) {
    return "{\"field\":\"status\",\"fieldtype\":\"jira\",\"fieldId\":\"status\",\"from\":\"1\",\"fromString\":\"" + from
        + "\",\"to\":\"10001\",\"toString\":\"" + to + "\"}";
  }

  static String assigneeItem(String to) {
    return "{\"field\":\"assignee\",\"fieldtype\":\"jira\",\"fieldId\":\"assignee\",\"from\":null,\"fromString\":null,"
        + "\"to\":" + (to == null ? "null" : "\"" + to + "\"") + ",\"toString\":" + (to == null ? "null" : "\"Bo\"") + "}";
  }

  private List<SourceAction> run(String body) throws Exception {
    JsonNode node = JSON.readTree(body);
    return jira.actions(node, body);
  }

  @Test
  void moving_to_a_done_category_records_resolved_once_per_changelog() throws Exception {
    List<SourceAction> actions = run(updated(null, "Done", "done", statusItem("In Progress", "Done")));
    assertThat(actions).containsExactly(new SourceAction.RecordOutcome("OPS-42",
        List.of(JiraWebhookNormalizer.fingerprint("OPS-42")), OutcomeType.RESOLVED, "acc-actor", null,
        "jira:changelog:20077:resolved", "2026-11-22T10:00:00Z", null));
  }

  @ParameterizedTest(name = "status {0}, category {1} -> resolved {2}")
  @CsvSource({
      "Done, done, true", "Shipped, done, true", "Closed, indeterminate, false", "In Progress, indeterminate, false",
      "Resolved, , true", "closed, , true", "Won't Do, , false"})
  void done_is_the_category_when_sent_else_a_configured_name(String status, String category, boolean resolved)
      throws Exception {
    List<SourceAction> actions = run(updated(null, status, category, statusItem("To Do", status)));
    boolean recorded = actions.stream().anyMatch(a -> a instanceof SourceAction.RecordOutcome o && o.type() == OutcomeType.RESOLVED);
    assertThat(recorded).isEqualTo(resolved);
  }

  @Test
  void an_assignee_change_records_reassigned_before_a_resolution_in_the_same_changelog() throws Exception {
    List<SourceAction> actions = run(updated("acc-bo", "Done", "done", assigneeItem("acc-bo") + "," + statusItem("To Do", "Done")));
    assertThat(actions).hasSize(2);
    SourceAction.RecordOutcome reassigned = (SourceAction.RecordOutcome) actions.get(0);
    assertThat(reassigned.type()).isEqualTo(OutcomeType.REASSIGNED);
    assertThat(reassigned.newAssigneeId()).isEqualTo("acc-bo");
    assertThat(reassigned.eventId()).isEqualTo("jira:changelog:20077:reassigned");
    assertThat(((SourceAction.RecordOutcome) actions.get(1)).type()).isEqualTo(OutcomeType.RESOLVED);
  }

  @Test
  void unassigning_or_other_changes_fall_back_to_the_issue_as_a_work_item() throws Exception {
    List<SourceAction> unassigned = run(updated(null, "To Do", "new", assigneeItem(null)));
    assertThat(unassigned).hasSize(1).first().isInstanceOf(SourceAction.Upsert.class);
    assertThat(unassigned.get(0).key()).isEqualTo("OPS-42");
    assertThat(((SourceAction.Upsert) unassigned.get(0)).draft().nativeKey().refs()).containsEntry("issue_id", "10042");

    String summaryEdit = "{\"field\":\"summary\",\"fieldtype\":\"jira\",\"from\":null,\"fromString\":\"a\",\"to\":null,\"toString\":\"b\"}";
    SourceAction assigned = run(updated("acc-1", "To Do", "new", summaryEdit)).get(0);
    assertThat(((SourceAction.Ignore) assigned).reason()).as("existing rule: assigned issues are skipped").isEqualTo("assigned");
  }

  @Test
  void issue_created_never_records_outcomes() throws Exception {
    String created = updated(null, "Done", "done", statusItem("To Do", "Done")).replace("jira:issue_updated", "jira:issue_created");
    assertThat(run(created)).hasSize(1).first().isInstanceOf(SourceAction.Upsert.class);
  }
}
