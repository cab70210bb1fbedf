package io.intake.simulator;

/**
 * How a simulated service's error rate moves over time, in ticks (one tick = one log interval).
 * {@link #expectedErrors} is the mean number of errors at a tick; the service draws the actual
 * count from it. Replay is not here: it follows a file, not a rate.
 */
public sealed interface ErrorPattern {

  double expectedErrors(long tick);

  /** Latency multiplier for the normal log lines at this tick (degradation shows in latencies too). */
  default double latencyFactor(long tick) {
    return 1.0;
  }

  String name();

  /** The seed's loop: the same probability every tick. */
  record Steady(double probability) implements ErrorPattern {
    public double expectedErrors(long tick) {
      return probability;
    }

    public String name() {
      return "steady";
    }
  }

  /** Quiet (base probability), then {@code burstLength} ticks with {@code errorsPerTick}, every {@code period} ticks. */
  record Burst(double probability, long period, long burstLength, double errorsPerTick) implements ErrorPattern {
    public double expectedErrors(long tick) {
      return inBurst(tick) ? errorsPerTick : probability;
    }

    public boolean inBurst(long tick) {
      return tick % period < burstLength;
    }

    public String name() {
      return "burst";
    }
  }

  /**
   * A cycle: healthy for {@code healthy} ticks, error rate and latency climbing linearly to
   * {@code peak} over {@code ramp} ticks, then recovering over {@code recovery} ticks.
   */
  record GradualDegradation(double probability, double peak, long healthy, long ramp, long recovery)
      implements ErrorPattern {
    public double expectedErrors(long tick) {
      return probability + (peak - probability) * degradation(tick);
    }

    @Override
    public double latencyFactor(long tick) {
      return 1.0 + 9.0 * degradation(tick);
    }

    /** 0 healthy … 1 at the peak. */
    public double degradation(long tick) {
      long t = tick % (healthy + ramp + recovery);
      if (t < healthy) {
        return 0;
      }
      if (t < healthy + ramp) {
        return (double) (t - healthy + 1) / ramp;
      }
      return 1.0 - (double) (t - healthy - ramp + 1) / recovery;
    }

    public String name() {
      return "gradual_degradation";
    }
  }

  /** Flapping: {@code probability} for {@code onTicks}, nothing for {@code offTicks}, repeat. */
  record Intermittent(double probability, long onTicks, long offTicks) implements ErrorPattern {
    public double expectedErrors(long tick) {
      return isOn(tick) ? probability : 0;
    }

    public boolean isOn(long tick) {
      return tick % (onTicks + offTicks) < onTicks;
    }

    public String name() {
      return "intermittent";
    }
  }
}
