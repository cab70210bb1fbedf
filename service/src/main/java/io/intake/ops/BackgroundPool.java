package io.intake.ops;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;

/**
 * The worker pool where enrichment is coordinated and its state is written: the per-item JSON and
 * SQL work of a batch runs there instead of on an event loop, so a request never waits in a
 * loop's queue behind it, and its threads are niced ({@code enrichment.nice}) below request
 * handling and above the model they feed. The enrichment coordinator and the enrichment-state
 * owner are deployed on it as worker verticles (one handler at a time per instance, as on a loop).
 */
public final class BackgroundPool {

  public static final String NAME = "intake-enrichment";

  /** Set by MainVerticle in a deployed verticle's slice: the nice value its pool threads take. */
  public static final String NICE_KEY = "background_nice";

  private BackgroundPool() {
  }

  public static DeploymentOptions options(int threads) {
    return new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER).setWorkerPoolName(NAME)
        .setWorkerPoolSize(Math.max(1, threads));
  }

  /**
   * Lowers the calling thread's priority once (see {@link ThreadNiceness}); called at the entry of
   * the verticle's handlers, as Vert.x has no hook when a pool thread starts.
   */
  public static void enter(int nice) {
    ThreadNiceness.lowerCurrentThread(nice);
  }
}
