package io.intake.enrichment;

import java.util.List;

/** The items of one pass that a stage takes: all in the stage's {@link EnrichmentStage#takes()} state. */
public record EnrichmentBatch(List<EnrichmentItem> items) {

  public EnrichmentBatch {
    items = List.copyOf(items);
  }

  public List<String> ids() {
    return items.stream().map(EnrichmentItem::id).toList();
  }

  public int size() {
    return items.size();
  }
}
