package io.intake.ops;

/**
 * The health of one watched target as a small state machine. A target turns unhealthy (failing
 * or stale) only after {@code failureThreshold} bad probes in a row, and healthy again only after
 * {@code recoveryThreshold} good ones, so a flapping target does not page on every flap.
 */
public final class TargetHealth {

  public enum State { UNKNOWN, HEALTHY, FAILING, STALE }

  /** What a probe found: ok, failing (wrong status, error, timeout) or stale (fresh field too old). */
  public record Probe(State state, String reason) {
    public static Probe ok() {
      return new Probe(State.HEALTHY, null);
    }

    public static Probe failing(String reason) {
      return new Probe(State.FAILING, reason);
    }

    public static Probe stale(String reason) {
      return new Probe(State.STALE, reason);
    }
  }

  /** What changed with this probe. */
  public enum Transition { NONE, BECAME_UNHEALTHY, RECOVERED }

  private final int failureThreshold;
  private final int recoveryThreshold;
  private State state = State.UNKNOWN;
  private int badInARow;
  private int goodInARow;
  private String reason;

  public TargetHealth(int failureThreshold, int recoveryThreshold) {
    this.failureThreshold = Math.max(1, failureThreshold);
    this.recoveryThreshold = Math.max(1, recoveryThreshold);
  }

  public Transition observe(Probe probe) {
    if (probe.state() == State.HEALTHY) {
      badInARow = 0;
      goodInARow++;
      boolean unhealthy = state == State.FAILING || state == State.STALE;
      if (unhealthy && goodInARow >= recoveryThreshold) {
        state = State.HEALTHY;
        reason = null;
        return Transition.RECOVERED;
      }
      if (state == State.UNKNOWN) {
        state = State.HEALTHY;
      }
      return Transition.NONE;
    }
    goodInARow = 0;
    badInARow++;
    boolean wasHealthy = state == State.HEALTHY || state == State.UNKNOWN;
    if (!wasHealthy) {
      state = probe.state(); // failing ↔ stale while unhealthy: no new alert
      reason = probe.reason();
      return Transition.NONE;
    }
    if (badInARow >= failureThreshold) {
      state = probe.state();
      reason = probe.reason();
      return Transition.BECAME_UNHEALTHY;
    }
    return Transition.NONE;
  }

  public State state() {
    return state;
  }

  public String reason() {
    return reason;
  }

  public int badInARow() {
    return badInARow;
  }
}
