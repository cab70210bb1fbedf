package io.intake.enrichment;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test-scope stage (registered in META-INF/services) that takes new items straight to a finished
 * state and holds each pass until the test opens the gate: a pass that is running when the
 * enrichment verticle is asked to stop. It stores nothing.
 */
public final class GateStage implements EnrichmentStage {

  static final String NAME = "test-gate";
  static final List<String> HELD = new CopyOnWriteArrayList<>();
  private static final Promise<Void> OPEN = Promise.promise();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EnrichmentState takes() {
    return EnrichmentState.PENDING;
  }

  @Override
  public EnrichmentState leaves() {
    return EnrichmentState.INDEXED;
  }

  @Override
  public void start(StageContext context) {
  }

  @Override
  public Future<StageResult> apply(EnrichmentBatch batch) {
    batch.items().forEach(i -> HELD.add(i.id()));
    return OPEN.future().map(v -> StageResult.advanced(batch.items()));
  }

  static void open() {
    OPEN.tryComplete();
  }
}
