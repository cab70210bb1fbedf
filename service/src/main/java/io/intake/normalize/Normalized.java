package io.intake.normalize;

import io.intake.model.WorkItemDraft;

/** What a normalizer makes of one source payload: a work item, or a reasoned skip. */
public sealed interface Normalized permits Normalized.Accepted, Normalized.Skipped {

  record Accepted(WorkItemDraft draft) implements Normalized {
  }

  /**
   * The payload is valid but is not a work item for us (e.g. an already assigned Jira issue).
   *
   * @param reason machine-readable reason, stable across releases
   */
  record Skipped(String reason, String message) implements Normalized {
  }
}
