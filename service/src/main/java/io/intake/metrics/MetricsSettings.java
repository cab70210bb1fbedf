package io.intake.metrics;

import io.intake.config.ConfigSection;

/**
 * The {@code http.metrics} slice: who may read {@code GET /metrics} and how fresh the gauges that
 * need the database are.
 *
 * @param open              no key needed to scrape (Prometheus' default); false: an admin key
 * @param refreshIntervalMs how often gauges read from the database and other verticles (outbox,
 *                          enrichment backlog, breakers, index size…) are refreshed; a scrape only
 *                          reads the cached values
 */
public record MetricsSettings(boolean open, long refreshIntervalMs) {

  public static MetricsSettings read(ConfigSection c) {
    return new MetricsSettings(c.flag("open", true), c.longInteger("refresh_interval_ms", 5000L, 100L));
  }
}
