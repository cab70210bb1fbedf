package io.intake.model;

/** What a human (or a source system) did with a work item. */
public enum OutcomeType {
  RESOLVED, REASSIGNED, ESCALATED;

  public String wire() {
    return name().toLowerCase();
  }

  public static OutcomeType fromWire(String value) {
    return valueOf(value.toUpperCase());
  }

  /**
   * Status after this outcome. Escalation keeps the current status (an open item stays open and is
   * flagged escalated); resolution and reassignment move it.
   */
  public WorkItemStatus nextStatus(WorkItemStatus current) {
    return switch (this) {
      case RESOLVED -> WorkItemStatus.RESOLVED;
      case REASSIGNED -> WorkItemStatus.ASSIGNED;
      case ESCALATED -> current;
    };
  }
}
