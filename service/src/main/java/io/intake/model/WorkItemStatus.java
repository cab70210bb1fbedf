package io.intake.model;

/**
 * Lifecycle of a work item; outcomes move it (see {@link OutcomeType#nextStatus}). Being merged into
 * another item is not a status (it is {@code merged_into}): a merged item keeps its own status.
 */
public enum WorkItemStatus {
  OPEN, ASSIGNED, RESOLVED;

  public String wire() {
    return name().toLowerCase();
  }
}
