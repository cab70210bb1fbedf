package io.intake.normalize;

import static io.intake.normalize.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.model.Severity;
import io.intake.model.WorkItemDraft;
import java.util.List;
import java.util.Map;

/**
 * An error or critical log pattern as a work item (source {@code logs}): one item per service and
 * pattern while it is open; its occurrence count grows with every line of the pattern, and once
 * the item is resolved the next line opens a new one. Pure.
 *
 * <p>The miner's event: {@code {service, pattern_id, template, example, level, total, lines,
 * storm_count}} where {@code level} is the highest level of the lines reported ({@code error} or
 * {@code critical}), {@code total} the lines of the pattern seen so far, {@code lines} the new ones
 * this event reports (counted as that many occurrences) and {@code storm_count} the miner's
 * threshold. Severity: critical → sev1; error → sev2 once the pattern has been seen
 * {@code storm_count} times, else sev3.
 */
public final class LogPatternNormalizer implements SourceNormalizer {

  public static final String SOURCE = "logs";

  @Override
  public List<SourceAction> actions(JsonNode payload, String rawBody) {
    WorkItemDraft draft = draft(text(payload, "service"), text(payload, "pattern_id"), text(payload, "template"),
        text(payload, "example"), text(payload, "level"), payload.path("total").asLong(),
        payload.path("storm_count").asLong(100L));
    int lines = (int) Math.min(Integer.MAX_VALUE, Math.max(1L, payload.path("lines").asLong(1L)));
    return List.of(new SourceAction.Upsert(draft, lines));
  }

  static WorkItemDraft draft(String service, String patternId, String template, String example, String level,
      long total, long stormCount) {
    Severity severity = "critical".equals(level) ? Severity.SEV1 : total >= stormCount ? Severity.SEV2 : Severity.SEV3;
    return new WorkItemDraft(
        SOURCE,
        "incident",
        service,
        severity,
        "Log error pattern: " + template,
        example,
        "logs:" + patternId,
        null,
        null,
        null,
        null,
        null,
        WorkItemDraft.Identity.mergedWhileOpen(Fingerprint.of(SOURCE, service, patternId)),
        // The pattern is the native identity: look-alike patterns are related, never merged.
        new WorkItemDraft.NativeKey(service + ":" + patternId, Map.of("pattern_id", patternId)));
  }
}
