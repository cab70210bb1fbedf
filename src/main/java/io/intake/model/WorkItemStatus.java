package io.intake.model;

/** Lifecycle of a work item; outcomes move it (see {@link OutcomeType#nextStatus}). */
public enum WorkItemStatus {
  OPEN, ASSIGNED, RESOLVED, DUPLICATE;

  public String wire() {
    return name().toLowerCase();
  }
}
