package io.intake.normalize;

import static io.intake.normalize.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.model.OutcomeType;
import io.intake.model.Severity;
import io.intake.model.WorkItemDraft;
import java.util.List;

/**
 * The health watcher's transitions (source {@code watcher}): {@code {event: "unhealthy"|"recovered",
 * target, url, service, state, reason, severity}}. A target turning unhealthy opens one item per
 * target (a repeat while it is open counts an occurrence); its recovery resolves that item. Pure.
 */
public final class HealthWatcherNormalizer implements SourceNormalizer {

  public static final String SOURCE = "watcher";
  static final String ACTOR = "intake-watcher";

  static String fingerprint(String target) {
    return Fingerprint.of(SOURCE, target);
  }

  @Override
  public List<SourceAction> actions(JsonNode payload, String rawBody) {
    String target = text(payload, "target");
    if ("recovered".equals(text(payload, "event"))) {
      return List.of(new SourceAction.RecordOutcome(target, List.of(fingerprint(target)), OutcomeType.RESOLVED, ACTOR,
          null, null, null, "health check recovered", List.of()));
    }
    String description = "Health check " + text(payload, "state") + " for " + target + " (" + text(payload, "url")
        + "): " + text(payload, "reason");
    Severity severity = Severity.parse(text(payload, "severity")).orElse(Severity.SEV2);
    return List.of(new SourceAction.Upsert(new WorkItemDraft(SOURCE, "alert", text(payload, "service"), severity,
        description, description, "watcher:" + target, ACTOR, null, null, null, null,
        // One open item per target: a repeat while it is open only counts an occurrence.
        WorkItemDraft.Identity.mergedWhileOpen(fingerprint(target)))));
  }
}
