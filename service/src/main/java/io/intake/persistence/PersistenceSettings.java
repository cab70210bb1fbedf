package io.intake.persistence;

import io.intake.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code persistence} configuration slice: how many instances of each owner verticle run, the
 * pool they share, and how repeats are grouped into transactions. Where the database is comes from
 * {@link PostgresSettings}.
 *
 * @param instances                instances of each owner verticle unless the owner sets its own
 * @param ownerInstances           an owner's own instance count ({@code persistence.<owner>.instances}), or null
 * @param maxWaitQueue             requests queued for a connection before the pool refuses them
 * @param maxMergesPerTransaction  repeats of one identity recorded together in one transaction (group commit)
 * @param maxOutcomesPerTransaction outcomes recorded together in one transaction (group commit)
 */
public record PersistenceSettings(int instances, Map<String, Integer> ownerInstances, int poolSize, int maxWaitQueue,
    int poolWaitTimeoutMs, int connectTimeoutMs, int pipeliningLimit, int maxMergesPerTransaction,
    int maxOutcomesPerTransaction) {

  /** The owner verticles, in deployment order; each has its own {@code instances} key. */
  public static final List<String> OWNERS = List.of("work_items", "outcomes", "enrichment_state", "telemetry");

  public static PersistenceSettings fromJson(JsonObject slice) {
    return read(ConfigSection.of("persistence", slice));
  }

  public static PersistenceSettings read(ConfigSection c) {
    int instances = c.integer("instances", 1, 1);
    Map<String, Integer> owners = new LinkedHashMap<>();
    for (String owner : OWNERS) {
      owners.put(owner, c.section(owner).optionalInteger("instances", 1, "persistence.instances"));
    }
    return new PersistenceSettings(instances, owners,
        c.integer("pool_size", 8, 1),
        c.integer("max_wait_queue", 1000, 1),
        c.integer("pool_wait_timeout_ms", 3000, 1),
        c.integer("connect_timeout_ms", 2000, 1),
        c.integer("pipelining_limit", 16, 1),
        c.integer("max_merges_per_transaction", 10_000, 1),
        c.integer("max_outcomes_per_transaction", 256, 1));
  }

  /** How many instances of {@code owner} to deploy: its own count, else the common one. */
  public int instancesOf(String owner) {
    if (!OWNERS.contains(owner)) {
      throw new IllegalArgumentException("unknown persistence owner " + owner);
    }
    Integer own = ownerInstances.get(owner);
    return own == null ? instances : own;
  }
}
