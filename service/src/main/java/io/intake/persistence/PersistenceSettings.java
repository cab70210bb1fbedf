package io.intake.persistence;

import io.intake.config.ConfigSection;
import io.vertx.core.json.JsonObject;

/**
 * The {@code persistence} configuration slice: the pool each persistence verticle opens and how
 * repeats are grouped into transactions. Where the database is comes from {@link PostgresSettings}.
 *
 * @param maxWaitQueue             requests queued for a connection before the pool refuses them
 * @param maxMergesPerTransaction  repeats of one identity recorded together in one transaction (group commit)
 */
public record PersistenceSettings(int instances, int poolSize, int maxWaitQueue, int poolWaitTimeoutMs,
    int connectTimeoutMs, int pipeliningLimit, int maxMergesPerTransaction) {

  public static PersistenceSettings fromJson(JsonObject slice) {
    return read(ConfigSection.of("persistence", slice));
  }

  public static PersistenceSettings read(ConfigSection c) {
    return new PersistenceSettings(
        c.integer("instances", 1, 1),
        c.integer("pool_size", 8, 1),
        c.integer("max_wait_queue", 1000, 1),
        c.integer("pool_wait_timeout_ms", 3000, 1),
        c.integer("connect_timeout_ms", 2000, 1),
        c.integer("pipelining_limit", 16, 1),
        c.integer("max_merges_per_transaction", 10_000, 1));
  }
}
