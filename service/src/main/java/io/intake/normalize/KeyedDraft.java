package io.intake.normalize;

import io.intake.model.Severity;
import io.intake.model.WorkItemDraft;
import io.intake.model.WorkItemDraft.Identity;
import io.intake.model.WorkItemDraft.NativeKey;
import java.util.Map;

/**
 * The work item of a monitoring or paging source whose payloads carry their own identity key:
 * the source is its origin, the key (hashed with the source name) its dedup fingerprint, and an
 * open item absorbs repeats of the key until it is resolved.
 */
final class KeyedDraft {

  private KeyedDraft() {
  }

  static String fingerprint(String source, String key) {
    return Fingerprint.of(source, key);
  }

  static WorkItemDraft of(String source, String type, String service, Severity severity, String description,
      String rawLog, String rawBody, String key, Map<String, String> refs) {
    return new WorkItemDraft(
        source,
        type,
        service,
        severity,
        description,
        rawLog,
        source,
        null,
        null,
        rawBody,
        null,
        null,
        Identity.mergedWhileOpen(fingerprint(source, key)),
        new NativeKey(key, refs));
  }
}
