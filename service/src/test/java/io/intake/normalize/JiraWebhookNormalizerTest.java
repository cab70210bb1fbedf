package io.intake.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.model.Severity;
import io.intake.model.WorkItemDraft;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JiraWebhookNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The default map of conf/config.json. */
  private static final Map<String, String> PRIORITIES = Map.of(
      "Highest", "sev1", "Critical", "sev1", "Blocker", "sev1",
      "High", "sev2", "Major", "sev2",
      "Medium", "sev3",
      "Low", "sev4", "Lowest", "sev4", "Minor", "sev4", "Trivial", "sev4");

  private final JiraWebhookNormalizer normalizer = new JiraWebhookNormalizer(
      Map.of("PAY", "payment-service", "ops", "platform"), new SeverityMap(PRIORITIES, Severity.SEV3));

  private static JsonNode issue(String event, String priority, String assignee) throws Exception {
    String priorityJson = priority == null ? "null" : "{\"name\":\"" + priority + "\"}";
    String assigneeJson = assignee == null ? "null" : "{\"accountId\":\"" + assignee + "\"}";
    return JSON.readTree("""
        {"webhookEvent":"%s","issue":{"key":"PAY-123","fields":{
          "summary":"Checkout fails with 502","description":"Since 10:00 UTC",
          "priority":%s,"project":{"key":"PAY"},"assignee":%s,"status":{"name":"To Do"},
          "reporter":{"accountId":"acc-9"},"issuetype":{"name":"Bug"}}}}""".formatted(event, priorityJson, assigneeJson));
  }

  private WorkItemDraft accepted(JsonNode payload) {
    Normalized result = normalizer.normalize(payload, payload.toString());
    assertThat(result).isInstanceOf(Normalized.Accepted.class);
    return ((Normalized.Accepted) result).draft();
  }

  @ParameterizedTest(name = "priority {0} -> {1}")
  @CsvSource({
      "Highest, sev1", "Critical, sev1", "High, sev2", "Medium, sev3", "Low, sev4", "Lowest, sev4",
      "critical, sev1", "HIGH, sev2", "Blocker, sev1", "Major, sev2", "Minor, sev4", "Trivial, sev4",
      "Whatever, sev3"})
  void maps_priorities_to_severities(String priority, String severity) throws Exception {
    assertThat(accepted(issue("jira:issue_created", priority, null)).severity().wire()).isEqualTo(severity);
  }

  @Test
  void missing_priority_takes_the_default_severity() throws Exception {
    assertThat(accepted(issue("jira:issue_created", null, null)).severity()).isEqualTo(Severity.SEV3);
  }

  @Test
  void maps_the_issue_to_a_canonical_work_item() throws Exception {
    WorkItemDraft draft = accepted(issue("jira:issue_updated", "High", null));
    assertThat(draft.source()).isEqualTo("jira");
    assertThat(draft.service()).isEqualTo("payment-service");
    assertThat(draft.originSystem()).isEqualTo("PAY-123");
    assertThat(draft.jiraIssueKey()).isEqualTo("PAY-123");
    assertThat(draft.type()).isEqualTo("ticket");
    assertThat(draft.description()).isEqualTo("Checkout fails with 502\n\nSince 10:00 UTC");
    assertThat(draft.creatorId()).isEqualTo("acc-9");
    assertThat(draft.identity().window()).as("merged while open").isNull();
    assertThat(draft.identity().fingerprint())
        .isEqualTo(accepted(issue("jira:issue_created", "Low", null)).identity().fingerprint());
  }

  @Test
  void assigned_issues_and_other_events_are_skipped_with_a_reason() throws Exception {
    Normalized assigned = normalizer.normalize(issue("jira:issue_created", "High", "acc-1"), "");
    assertThat(assigned).isEqualTo(new Normalized.Skipped("assigned", "Issue is already assigned; skipped"));

    Normalized deleted = normalizer.normalize(issue("jira:issue_deleted", "High", null), "");
    assertThat(((Normalized.Skipped) deleted).reason()).isEqualTo("unsupported_event");
  }

  @Test
  void projects_without_a_mapping_use_the_lower_cased_key_and_keys_match_case_insensitively() {
    assertThat(normalizer.serviceFor("CORE")).isEqualTo("core");
    assertThat(normalizer.serviceFor("OPS")).isEqualTo("platform");
    assertThat(normalizer.serviceFor("pay")).isEqualTo("payment-service");
  }

  @Test
  void atlassian_document_format_descriptions_become_plain_text() throws Exception {
    JsonNode adf = JSON.readTree("""
        {"type":"doc","version":1,"content":[
          {"type":"paragraph","content":[{"type":"text","text":"Line one "},{"type":"text","text":"continues"}]},
          {"type":"paragraph","content":[{"type":"text","text":"Line two"}]}]}""");
    assertThat(JiraWebhookNormalizer.plainText(adf)).isEqualTo("Line one continues\nLine two");
    assertThat(JiraWebhookNormalizer.plainText(null)).isEmpty();
  }

  @Test
  void incident_issue_types_become_incidents() throws Exception {
    JsonNode payload = JSON.readTree(issue("jira:issue_created", "High", null).toString()
        .replace("\"Bug\"", "\"Incident\""));
    assertThat(accepted(payload).type()).isEqualTo("incident");
  }
}
