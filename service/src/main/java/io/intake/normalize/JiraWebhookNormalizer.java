package io.intake.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.model.WorkItemDraft;
import io.intake.model.WorkItemDraft.Identity;
import io.intake.model.WorkItemDraft.NativeKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Jira issue webhooks. Only unassigned issues become work items (assigned ones are already being
 * handled); the issue key is the identity, so redelivered webhooks and later updates of the same
 * open issue count as occurrences instead of new items.
 */
public final class JiraWebhookNormalizer {

  static final Set<String> INGESTED_EVENTS = Set.of("jira:issue_created", "jira:issue_updated");

  private final Map<String, String> projectToService = new HashMap<>();
  private final SeverityMap priorities;

  /**
   * @param projectToService Jira project key → service name; unknown projects use the lower-cased key
   * @param priorities       Jira priority name → severity
   */
  public JiraWebhookNormalizer(Map<String, String> projectToService, SeverityMap priorities) {
    projectToService.forEach((k, v) -> this.projectToService.put(k.toUpperCase(Locale.ROOT), v));
    this.priorities = priorities;
  }

  /** The issue as a work item, or a reasoned skip: the creation half of {@link JiraIssueEventsNormalizer}. */
  public Normalized normalize(JsonNode payload, String rawBody) {
    if (!INGESTED_EVENTS.contains(payload.path("webhookEvent").asText())) {
      return new Normalized.Skipped("unsupported_event",
          "Only jira:issue_created and jira:issue_updated events create work items");
    }
    JsonNode issue = payload.path("issue");
    JsonNode fields = issue.path("fields");
    if (fields.hasNonNull("assignee")) {
      return new Normalized.Skipped("assigned", "Issue is already assigned; skipped");
    }
    String key = issue.path("key").asText();
    String summary = fields.path("summary").asText().strip();
    String body = plainText(fields.get("description")).strip();
    String description = body.isEmpty() ? summary : summary + "\n\n" + body;
    String issueType = fields.path("issuetype").path("name").asText("");
    return new Normalized.Accepted(new WorkItemDraft(
        "jira",
        issueType.toLowerCase(Locale.ROOT).contains("incident") ? "incident" : "ticket",
        serviceFor(fields.path("project").path("key").asText()),
        priorities.map(fields.path("priority").path("name").asText(null)),
        description,
        description,
        key,
        accountId(fields.path("reporter"), fields.path("creator"), payload.path("user")),
        key,
        rawBody,
        null,
        null,
        Identity.mergedWhileOpen(fingerprint(key)),
        new NativeKey(key, refs(issue, fields))));
  }

  static String fingerprint(String issueKey) {
    return Fingerprint.of("jira", issueKey);
  }

  private static Map<String, String> refs(JsonNode issue, JsonNode fields) {
    Map<String, String> refs = new LinkedHashMap<>();
    refs.put("issue_id", Nodes.text(issue, "id"));
    refs.put("issue_key", Nodes.text(issue, "key"));
    refs.put("project_key", Nodes.text(fields.path("project"), "key"));
    return refs;
  }

  String serviceFor(String projectKey) {
    String service = projectToService.get(projectKey.toUpperCase(Locale.ROOT));
    return service != null ? service : projectKey.toLowerCase(Locale.ROOT);
  }

  private static String accountId(JsonNode... people) {
    for (JsonNode person : people) {
      if (person.hasNonNull("accountId")) {
        return person.get("accountId").asText();
      }
      if (person.hasNonNull("name")) {
        return person.get("name").asText();
      }
    }
    return null;
  }

  /**
   * Jira Server sends descriptions as wiki text, Jira Cloud (REST v3) as an Atlassian Document
   * Format tree; the work item wants plain text either way.
   */
  static String plainText(JsonNode description) {
    if (description == null || description.isNull()) {
      return "";
    }
    if (description.isTextual()) {
      return description.asText();
    }
    StringBuilder out = new StringBuilder();
    collectText(description, out);
    return out.toString().replaceAll("[ \\t]+\\n", "\n").strip();
  }

  private static void collectText(JsonNode node, StringBuilder out) {
    if (node.has("text") && node.get("text").isTextual()) {
      out.append(node.get("text").asText());
    }
    for (JsonNode child : node.path("content")) {
      collectText(child, out);
    }
    String type = node.path("type").asText();
    if (type.equals("paragraph") || type.equals("heading") || type.equals("hardBreak")) {
      out.append('\n');
    }
  }
}
