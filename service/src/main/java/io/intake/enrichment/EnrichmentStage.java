package io.intake.enrichment;

import io.vertx.core.Future;

/**
 * One step of enrichment. The pipeline ({@code enrichment.stages} in the configuration, by
 * {@link #name()}) hands each stage, in order, the items of the pass that are in its {@link #takes()}
 * state; the stage answers which of them it moved on ({@link #leaves()}) and which it set back.
 *
 * <p>A stage persists its own progress before it answers (the state is in PostgreSQL after every
 * stage, so a pass that stops half-way resumes from there). A failed future sets the whole batch
 * back with the stage name and the error. Stages are found with {@link java.util.ServiceLoader}:
 * a stage is one class with a public no-argument constructor plus its line in
 * {@code META-INF/services/io.intake.enrichment.EnrichmentStage}.
 */
public interface EnrichmentStage {

  /** The name in {@code enrichment.stages} and the prefix of the errors it records. */
  String name();

  /** The state of the items this stage works on. */
  EnrichmentState takes();

  /** The state of the items it moved on. */
  EnrichmentState leaves();

  /** Called once when the pipeline is built, before any {@link #apply}. */
  default void start(StageContext context) {
  }

  Future<StageResult> apply(EnrichmentBatch batch);
}
