package io.intake.logs;

import io.intake.config.ConfigSection;
import io.intake.patterns.MinerSettings;
import io.vertx.core.json.JsonObject;

/**
 * The {@code patterns} configuration slice: the miner's memory bounds, when patterns raise work
 * items, and how often counts are flushed and sampled for the console.
 *
 * @param stormCount an error pattern seen this often raises a sev2 item
 * @param holdLines  raw lines per service held back at most while their header layout is learned or
 *                   their pattern is not yet told apart from a near twin (0: each line is counted at once)
 * @param holdMs     how long such a line is held at most before it is counted
 */
public record LogPatternSettings(int maxPatternsPerService, int maxServices, boolean raiseWorkItems, long stormCount,
    long flushIntervalMs, boolean persist, long historyIntervalMs, int historyBuckets, int historyMaxPatterns,
    int holdLines, long holdMs) {

  public static LogPatternSettings fromJson(JsonObject slice) {
    return read(ConfigSection.of("patterns", slice));
  }

  public static LogPatternSettings read(ConfigSection c) {
    return new LogPatternSettings(
        c.integer("max_patterns_per_service", 2000, 1),
        c.integer("max_services", 1000, 1),
        c.flag("raise_work_items", true),
        c.longInteger("storm_count", 100L, 1L),
        c.longInteger("flush_interval_ms", 500L, 1L),
        c.flag("persist", true),
        c.longInteger("history_interval_ms", 10_000L, 1L),
        c.integer("history_buckets", 60, 1),
        c.integer("history_max_patterns", 20_000, 1),
        c.integer("hold_lines", MinerSettings.DEFAULTS.holdLines(), 0),
        c.longInteger("hold_ms", MinerSettings.DEFAULTS.holdMillis(), 0L));
  }
}
