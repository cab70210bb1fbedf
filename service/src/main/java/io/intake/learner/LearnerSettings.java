package io.intake.learner;

import io.intake.config.ConfigSection;
import io.vertx.core.json.JsonObject;

/**
 * The {@code learner} configuration slice: where outcomes go and how the outbox is drained.
 *
 * @param url    the Learner's base URL; null: outcomes wait in the outbox
 * @param nodeId this member's name across restarts; null: the one kept with the embedded server
 */
public record LearnerSettings(String url, String nodeId, int instances, int batchSize, int concurrency,
    long pollIntervalMs, long requestTimeoutMs, int leaseSeconds, long backoffBaseMs, long backoffMaxMs,
    int breakerMaxFailures, long breakerResetTimeoutMs) {

  public static LearnerSettings fromJson(JsonObject slice) {
    return read(ConfigSection.of("learner", slice));
  }

  public static LearnerSettings read(ConfigSection c) {
    String url = c.optionalString("url", "outcomes wait in the outbox");
    String nodeId = c.optionalString("node_id", "kept in <data_dir>/node-id with the embedded server");
    int instances = c.integer("instances", 1, 1);
    int batchSize = c.integer("batch_size", 200, 1);
    int concurrency = c.integer("concurrency", 32, 1);
    long poll = c.longInteger("poll_interval_ms", 1000L, 1L);
    long timeout = c.longInteger("request_timeout_ms", 5000L, 1L);
    int lease = c.integer("lease_seconds", 30, 1);
    long backoffBase = c.longInteger("backoff_base_ms", 500L, 1L);
    long backoffMax = c.longInteger("backoff_max_ms", 60_000L, 1L);
    ConfigSection breaker = c.section("breaker");
    return new LearnerSettings(url, nodeId, instances, batchSize, concurrency, poll, timeout, lease, backoffBase,
        backoffMax, breaker.integer("max_failures", 5, 1), breaker.longInteger("reset_timeout_ms", 10_000L, 1L));
  }
}
