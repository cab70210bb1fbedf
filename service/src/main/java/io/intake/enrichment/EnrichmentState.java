package io.intake.enrichment;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a work item is in enrichment: the values of {@code work_items.enrichment_state} and of the
 * API's {@code enrichment.state}, in their wire spelling ({@link #wire()}).
 */
public enum EnrichmentState {
  PENDING,
  CLEANED,
  EMBEDDED,
  INDEXED,
  /** Out of attempts; the last error is kept with the item. */
  FAILED,
  /** The cleaned text has nothing a model can embed: settled at once, never retried. */
  NOT_EMBEDDABLE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when no further pass changes the item (the sweeper leaves it alone). */
  public boolean finished() {
    return this == INDEXED || this == FAILED || this == NOT_EMBEDDABLE;
  }

  public static EnrichmentState of(String wire) {
    for (EnrichmentState s : values()) {
      if (s.wire().equals(wire)) {
        return s;
      }
    }
    throw new IllegalArgumentException("enrichment state '" + wire + "' is not one of "
        + Arrays.stream(values()).map(EnrichmentState::wire).toList());
  }
}
