package io.intake.simulator;

import java.time.Instant;

/** A simulated service: each tick it writes log lines and, by its pattern, errors. Pure and seedable. */
public interface SimulatedSource {

  String service();

  /** steady, burst, gradual_degradation, intermittent or replay. */
  String pattern();

  /** @param now the timestamp written into the lines */
  Emission tick(Instant now);
}
