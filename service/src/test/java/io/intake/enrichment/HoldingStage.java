package io.intake.enrichment;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stage registered only in test scope (one class plus its line in META-INF/services): it takes
 * embedded items, remembers what it saw and holds the pass until the test releases it, so the test
 * can see where it runs in the pipeline.
 */
public final class HoldingStage implements EnrichmentStage {

  static final String NAME = "test-hold";
  static final List<EnrichmentItem> SEEN = new CopyOnWriteArrayList<>();
  static final List<String> CONFIG_SEEN = new CopyOnWriteArrayList<>();
  private static volatile Promise<Void> gate;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EnrichmentState takes() {
    return EnrichmentState.EMBEDDED;
  }

  @Override
  public EnrichmentState leaves() {
    return EnrichmentState.EMBEDDED;
  }

  @Override
  public void start(StageContext context) {
    CONFIG_SEEN.add(context.config().getString("test_hold_label", ""));
  }

  @Override
  public Future<StageResult> apply(EnrichmentBatch batch) {
    Promise<Void> held = Promise.promise();
    gate = held;
    SEEN.addAll(batch.items());
    return held.future().map(v -> StageResult.advanced(batch.items()));
  }

  static void release() {
    gate.complete();
  }
}
