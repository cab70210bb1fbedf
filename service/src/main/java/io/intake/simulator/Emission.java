package io.intake.simulator;

import io.intake.model.Severity;
import java.util.List;

/** What a simulated service produced in one tick: log lines, some of which are errors. */
public record Emission(long tick, List<Line> lines, List<Error> errors) {

  /** One log line as the service wrote it. */
  public record Line(String level, String text) {
  }

  /**
   * An error worth a work item.
   *
   * @param type        aggregation key (error type, or the level for replayed lines)
   * @param description what the work item says
   * @param rawLog      the whole log line
   */
  public record Error(String type, String level, Severity severity, String description, String rawLog) {
  }
}
