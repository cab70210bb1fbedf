package io.intake.enrichment;

import java.util.ArrayList;
import java.util.List;

/**
 * What a stage did to its batch: the items it moved on (they go to the next stages of this pass)
 * and the setbacks (they leave the pass). An item in neither list leaves the pass untouched; the
 * sweeper brings it back.
 */
public record StageResult(List<EnrichmentItem> advanced, List<Setback> setbacks) {

  /**
   * An item that could not go on.
   *
   * @param error why, stored with the item (the stage name first, e.g. {@code "embed: ..."})
   * @param finalState a state no retry changes (e.g. {@code not_embeddable}), taken at once; null:
   *     the attempt counts and the item is retried until it runs out of attempts ({@code failed})
   */
  public record Setback(EnrichmentItem item, String error, EnrichmentState finalState) {
  }

  public StageResult {
    advanced = List.copyOf(advanced);
    setbacks = List.copyOf(setbacks);
  }

  public static StageResult advanced(List<EnrichmentItem> items) {
    return new StageResult(items, List.of());
  }

  /** Every item of the batch set back with the same error (to be retried). */
  public static StageResult allFailed(List<EnrichmentItem> items, String error) {
    List<Setback> setbacks = new ArrayList<>(items.size());
    items.forEach(i -> setbacks.add(new Setback(i, error, null)));
    return new StageResult(List.of(), setbacks);
  }
}
