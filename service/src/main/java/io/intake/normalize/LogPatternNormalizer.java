package io.intake.normalize;

import io.intake.model.Severity;
import io.intake.model.WorkItemDraft;
import java.util.Map;

/**
 * An error or critical log pattern as a work item (source {@code logs}): one item per service and
 * pattern while it is open; its occurrence count grows with every line of the pattern, and once
 * the item is resolved the next line opens a new one. Pure.
 *
 * <p>Severity: critical lines → sev1; error lines → sev2 once the pattern has been seen at least
 * {@code stormCount} times, else sev3.
 */
public final class LogPatternNormalizer {

  private final long stormCount;

  public LogPatternNormalizer(long stormCount) {
    this.stormCount = stormCount;
  }

  /**
   * @param patternId the miner's pattern id (stable within the service)
   * @param level     the highest level seen in the lines being reported ({@code error} or {@code critical})
   * @param total     lines of this pattern seen so far
   */
  public WorkItemDraft draft(String service, String patternId, String template, String example, String level, long total) {
    Severity severity = "critical".equals(level) ? Severity.SEV1 : total >= stormCount ? Severity.SEV2 : Severity.SEV3;
    return new WorkItemDraft(
        "logs",
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
        WorkItemDraft.Identity.mergedWhileOpen(Fingerprint.of("logs", service, patternId)),
        // The pattern is the native identity: look-alike patterns are related, never merged.
        new WorkItemDraft.NativeKey(service + ":" + patternId, Map.of("pattern_id", patternId)));
  }
}
