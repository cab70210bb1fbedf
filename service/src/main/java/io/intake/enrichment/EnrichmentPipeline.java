package io.intake.enrichment;

import io.intake.enrichment.StageResult.Setback;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configured list of stages and one pass over a batch: each stage, in order, gets the items
 * that are in its {@link EnrichmentStage#takes()} state (an item resumed half-way skips the stages
 * it has done); what a stage set back leaves the pass and is handed to the {@link Settler}.
 */
public final class EnrichmentPipeline {

  /** Records the items a stage set back (errors, retries, final states). Its failures are ignored. */
  @FunctionalInterface
  public interface Settler {
    Future<Void> settle(EnrichmentStage stage, List<Setback> setbacks);
  }

  /** Told of every stage run: how long it took and what became of the items it took. */
  @FunctionalInterface
  public interface StageObserver {
    StageObserver NONE = (stage, nanos, taken, advanced) -> { };

    /** @param advanced the items the stage moved on; the rest of {@code taken} were set back */
    void ran(String stage, long nanos, int taken, int advanced);
  }

  private final List<EnrichmentStage> stages;
  private final StageObserver observer;

  /**
   * @throws IllegalArgumentException when the list cannot move an item from {@code pending} to a
   *     finished state: empty, a name twice, a stage taking a state no earlier stage leaves, or no
   *     stage leaving a finished state
   */
  public EnrichmentPipeline(List<EnrichmentStage> stages) {
    this(stages, StageObserver.NONE);
  }

  /** As {@link #EnrichmentPipeline(List)}, reporting every stage run to {@code observer}. */
  public EnrichmentPipeline(List<EnrichmentStage> stages, StageObserver observer) {
    this.observer = observer;
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("enrichment.stages: at least one stage is needed");
    }
    Set<String> names = new HashSet<>();
    Set<EnrichmentState> reached = EnumSet.of(EnrichmentState.PENDING);
    for (EnrichmentStage stage : stages) {
      if (!names.add(stage.name())) {
        throw new IllegalArgumentException("enrichment.stages: stage '" + stage.name() + "' is listed twice");
      }
      if (!reached.contains(stage.takes())) {
        throw new IllegalArgumentException("enrichment.stages: stage '" + stage.name() + "' takes items in state "
            + stage.takes().wire() + ", which no earlier stage leaves");
      }
      reached.add(stage.leaves());
    }
    if (reached.stream().noneMatch(EnrichmentState::finished)) {
      throw new IllegalArgumentException("enrichment.stages: no stage leaves items in a finished state (indexed)");
    }
    this.stages = List.copyOf(stages);
  }

  public List<EnrichmentStage> stages() {
    return stages;
  }

  /** One pass: every stage the items still need, in order. Answers the items still in the pass at the end. */
  public Future<List<EnrichmentItem>> run(List<EnrichmentItem> items, Settler settler) {
    Future<List<EnrichmentItem>> pass = Future.succeededFuture(List.copyOf(items));
    for (EnrichmentStage stage : stages) {
      pass = pass.compose(current -> step(stage, current, settler));
    }
    return pass;
  }

  private Future<List<EnrichmentItem>> step(EnrichmentStage stage, List<EnrichmentItem> current, Settler settler) {
    List<EnrichmentItem> taken = current.stream().filter(i -> i.state() == stage.takes()).toList();
    if (taken.isEmpty()) {
      return Future.succeededFuture(current);
    }
    Future<StageResult> applied;
    long begun = System.nanoTime();
    try {
      applied = stage.apply(new EnrichmentBatch(taken));
    } catch (RuntimeException e) {
      applied = Future.failedFuture(e);
    }
    return applied
        .recover(e -> Future.succeededFuture(StageResult.allFailed(taken, stage.name() + ": " + e.getMessage())))
        .compose(result -> {
          observer.ran(stage.name(), System.nanoTime() - begun, taken.size(), result.advanced().size());
          Future<Void> settled = result.setbacks().isEmpty() ? Future.succeededFuture()
              : settler.settle(stage, result.setbacks()).recover(e -> Future.succeededFuture());
          return settled.map(v -> after(current, taken, result.advanced()));
        });
  }

  /** The pass after a stage: the items it did not take, and those it moved on, in their order. */
  private static List<EnrichmentItem> after(List<EnrichmentItem> current, List<EnrichmentItem> taken,
      List<EnrichmentItem> advanced) {
    Set<String> takenIds = new HashSet<>();
    taken.forEach(i -> takenIds.add(i.id()));
    Map<String, EnrichmentItem> moved = new HashMap<>();
    advanced.forEach(i -> moved.put(i.id(), i));
    List<EnrichmentItem> out = new ArrayList<>(current.size());
    for (EnrichmentItem item : current) {
      if (!takenIds.contains(item.id())) {
        out.add(item);
      } else if (moved.containsKey(item.id())) {
        out.add(moved.get(item.id()));
      }
    }
    return out;
  }
}
