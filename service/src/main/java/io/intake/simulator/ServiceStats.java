package io.intake.simulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/** Log aggregation for one simulated service: errors per type, last error, error rate per minute. */
public final class ServiceStats {

  private final Map<String, Long> errorsByType = new TreeMap<>();
  private final Map<String, Long> linesByLevel = new TreeMap<>();
  private final Deque<Instant> lastMinute = new ArrayDeque<>();
  private long errors;
  private long workItemsCreated;
  private long ingestFailures;
  private Instant lastErrorAt;

  public void record(Emission emission, Instant now) {
    emission.lines().forEach(l -> linesByLevel.merge(l.level(), 1L, Long::sum));
    for (Emission.Error error : emission.errors()) {
      errors++;
      errorsByType.merge(error.type(), 1L, Long::sum);
      lastErrorAt = now;
      lastMinute.addLast(now);
    }
    trim(now);
  }

  public void workItemCreated() {
    workItemsCreated++;
  }

  public void ingestFailed() {
    ingestFailures++;
  }

  public long errors() {
    return errors;
  }

  public Instant lastErrorAt() {
    return lastErrorAt;
  }

  public long errorsInLastMinute(Instant now) {
    trim(now);
    return lastMinute.size();
  }

  public Map<String, Long> errorsByType() {
    return Map.copyOf(errorsByType);
  }

  public Map<String, Long> linesByLevel() {
    return Map.copyOf(linesByLevel);
  }

  public long workItemsCreated() {
    return workItemsCreated;
  }

  public long ingestFailures() {
    return ingestFailures;
  }

  private void trim(Instant now) {
    Instant horizon = now.minusSeconds(60);
    while (!lastMinute.isEmpty() && lastMinute.peekFirst().isBefore(horizon)) {
      lastMinute.removeFirst();
    }
  }
}
