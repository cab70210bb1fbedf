package io.intake.persistence.api;

import io.intake.model.Severity;
import io.intake.model.WorkItemDraft;
import io.vertx.core.json.JsonObject;

/**
 * Store a draft, or count it on the open item with its identity ({@code intake.workitems.save}).
 *
 * @param occurrences how many occurrences the draft stands for: a source that aggregates (the
 *                    log-pattern miner) reports several at once; 1 when absent
 */
public record SaveWorkItemRequest(WorkItemDraft draft, int occurrences) {

  public static SaveWorkItemRequest fromJson(JsonObject json) {
    // The draft's own checks would throw a bare NullPointerException; these name the field.
    for (String field : new String[] {"source", "type", "service", "fingerprint"}) {
      WireFields.requiredString(json, field);
    }
    if (Severity.parse(WireFields.requiredString(json, "severity")).isEmpty()) {
      throw new IllegalArgumentException("severity is not a known severity");
    }
    int occurrences = WireFields.optionalInt(json, "occurrences", 1);
    return new SaveWorkItemRequest(WorkItemDraft.fromJson(json), Math.max(1, occurrences));
  }

  /** The draft's JSON; {@code occurrences} only when more than one, as senders always did. */
  public JsonObject toJson() {
    JsonObject body = draft.toJson();
    if (occurrences > 1) {
      body.put("occurrences", occurrences);
    }
    return body;
  }
}
