package io.intake.normalize;

import static io.intake.normalize.Nodes.firstNonNull;
import static io.intake.normalize.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.model.OutcomeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Jira issue webhooks, outcomes included. A {@code jira:issue_updated} whose changelog moves the
 * assignee records {@code reassigned} on the issue's open item, and one that moves the status
 * into the done category records {@code resolved} (in that order when both happen at once). Any
 * other event is a work item as {@link JiraWebhookNormalizer} maps it.
 */
public final class JiraIssueEventsNormalizer implements SourceNormalizer {

  private final JiraWebhookNormalizer issues;
  private final Set<String> doneStatuses;

  /**
   * @param doneStatuses status names counted as done when the payload does not carry the status
   *                     category (case-insensitive)
   */
  public JiraIssueEventsNormalizer(JiraWebhookNormalizer issues, Set<String> doneStatuses) {
    this.issues = issues;
    this.doneStatuses = doneStatuses.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  @Override
  public List<SourceAction> actions(JsonNode payload, String rawBody) {
    if ("jira:issue_updated".equals(text(payload, "webhookEvent"))) {
      List<SourceAction> outcomes = changelogOutcomes(payload);
      if (!outcomes.isEmpty()) {
        return outcomes;
      }
    }
    Normalized normalized = issues.normalize(payload, rawBody);
    if (normalized instanceof Normalized.Accepted accepted) {
      return List.of(new SourceAction.Upsert(accepted.draft()));
    }
    Normalized.Skipped skipped = (Normalized.Skipped) normalized;
    return List.of(new SourceAction.Ignore(text(payload.path("issue"), "key"), skipped.reason(), skipped.message()));
  }

  private List<SourceAction> changelogOutcomes(JsonNode payload) {
    JsonNode issue = payload.path("issue");
    String key = text(issue, "key");
    JsonNode changelog = payload.path("changelog");
    String changelogId = text(changelog, "id");
    String actor = firstNonNull(text(payload.path("user"), "accountId"), text(payload.path("user"), "name"), "jira");
    String at = timestamp(payload);
    List<String> fingerprints = List.of(JiraWebhookNormalizer.fingerprint(key));
    SourceAction reassigned = null;
    SourceAction resolved = null;
    for (JsonNode item : changelog.path("items")) {
      String field = text(item, "field");
      if ("assignee".equalsIgnoreCase(field)) {
        // Cloud sends account ids in from/to; Server sends user names there.
        String to = firstNonNull(text(item, "to"), text(item, "toString"));
        if (to != null) {
          reassigned = new SourceAction.RecordOutcome(key, fingerprints, OutcomeType.REASSIGNED, actor, to,
              eventId(changelogId, "reassigned"), at, null);
        }
      } else if ("status".equalsIgnoreCase(field) && isDone(issue.path("fields").path("status"), text(item, "toString"))) {
        resolved = new SourceAction.RecordOutcome(key, fingerprints, OutcomeType.RESOLVED, actor, null,
            eventId(changelogId, "resolved"), at, null);
      }
    }
    List<SourceAction> outcomes = new ArrayList<>(2);
    if (reassigned != null) {
      outcomes.add(reassigned);
    }
    if (resolved != null) {
      outcomes.add(resolved);
    }
    return outcomes;
  }

  /** The issue's status category says so when Jira sends it; otherwise the configured names decide. */
  private boolean isDone(JsonNode status, String newStatusName) {
    String category = text(status.path("statusCategory"), "key");
    if (category != null) {
      return category.equalsIgnoreCase("done");
    }
    return newStatusName != null && doneStatuses.contains(newStatusName.toLowerCase(Locale.ROOT));
  }

  /** A redelivered webhook carries the same changelog id, so its outcome is recorded once. */
  private static String eventId(String changelogId, String type) {
    return changelogId == null ? null : "jira:changelog:" + changelogId + ":" + type;
  }

  /** Jira sends epoch milliseconds. */
  private static String timestamp(JsonNode payload) {
    return Nodes.timestamp(text(payload, "timestamp"));
  }
}
