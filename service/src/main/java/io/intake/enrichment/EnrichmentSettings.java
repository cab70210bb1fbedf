package io.intake.enrichment;

import io.intake.config.ConfigSection;
import io.vertx.core.json.JsonObject;

/**
 * The {@code enrichment} configuration slice: pass sizes, retries and the sweeper that resumes
 * unfinished items.
 *
 * @param staleAfterSeconds  unfinished items untouched this long are resumed by the sweeper
 * @param firstSweepDelayMs  the start-up sweep (everything unfinished) runs this long after start
 * @param dedup              ask the vector index for look-alikes of each new item
 * @param stages             the enrichment stages in order, by name (registered with ServiceLoader)
 * @param workerThreads      threads of the pool the coordinator and the enrichment-state owner run on
 * @param nice               nice value of those threads: below requests, above the model (19)
 */
public record EnrichmentSettings(int instances, int batchSize, int maxBatchesInFlight, int maxQueue, int maxAttempts,
    double staleAfterSeconds, long sweepIntervalMs, long firstSweepDelayMs, long busTimeoutMs, long llmTimeoutMs,
    boolean dedup, long retryDelayMs, java.util.List<String> stages, int workerThreads, int nice) {

  public static EnrichmentSettings fromJson(JsonObject slice) {
    return read(ConfigSection.of("enrichment", slice));
  }

  public static EnrichmentSettings read(ConfigSection c) {
    return new EnrichmentSettings(
        c.integer("instances", 1, 1),
        c.integer("batch_size", 32, 1),
        c.integer("max_batches_in_flight", 4, 1),
        c.integer("max_queue", 20_000, 1),
        c.integer("max_attempts", 10, 1),
        c.number("stale_after_seconds", 60, 0, Double.MAX_VALUE),
        c.longInteger("sweep_interval_ms", 15_000L, 1L),
        c.longInteger("first_sweep_delay_ms", 500L, 1L),
        c.longInteger("bus_timeout_ms", 30_000L, 1L),
        c.longInteger("llm_timeout_ms", 120_000L, 1L),
        c.flag("dedup", true),
        c.longInteger("retry_delay_ms", 2000L, 1L),
        c.strings("stages", EnrichmentStages.DEFAULT, false),
        c.integer("worker_threads", 2, 1),
        c.integer("nice", 10, 0, 19));
  }
}
