package io.intake;

import io.intake.cluster.ClusterSettings;
import io.intake.config.ConfigSection;
import io.intake.embedding.EmbeddingSettings;
import io.intake.enrichment.EnrichmentSettings;
import io.intake.http.HttpSettings;
import io.intake.learner.LearnerSettings;
import io.intake.llm.LlmSettings;
import io.intake.logs.LogPatternSettings;
import io.intake.normalize.NormalizationSettings;
import io.intake.ops.ShutdownSettings;
import io.intake.ops.WatcherSettings;
import io.intake.persistence.PersistenceSettings;
import io.intake.persistence.PostgresSettings;
import io.intake.simulator.SimulatorSettings;
import io.intake.streams.KafkaSettings;
import io.intake.vectors.VectorSettings;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The whole configuration, one record per slice, each owned by its package: the one place a key's
 * default and rule are written. Reading it validates every slice, so a bad value stops start-up
 * with the key and the rule before anything is deployed; each verticle reads its own slice again
 * through the same record.
 *
 * @param verticles the roles this node runs ({@link MainVerticle#ALL_ROLES} by default)
 */
public record IntakeSettings(List<String> verticles, ClusterSettings cluster, HttpSettings http,
    PostgresSettings database, PersistenceSettings persistence, NormalizationSettings normalization,
    LearnerSettings learner, LlmSettings llm, EmbeddingSettings embedding, VectorSettings vectors,
    EnrichmentSettings enrichment, LogPatternSettings patterns, SimulatorSettings simulator, WatcherSettings watcher,
    ShutdownSettings shutdown, KafkaSettings kafka) {

  /** @throws IllegalArgumentException naming the key and the rule of the first bad value */
  public static IntakeSettings fromJson(JsonObject conf) {
    return read(ConfigSection.root(conf));
  }

  /** Every key the records read, with its default and rule, in the reference's order. */
  public static List<ConfigSection.Key> keys() {
    ConfigSection root = ConfigSection.root(new JsonObject());
    read(root);
    return root.declared();
  }

  /** The records' defaults as a configuration tree (what {@code conf/config.json} must hold). */
  public static JsonObject defaults() {
    JsonObject tree = new JsonObject();
    for (ConfigSection.Key key : keys()) {
      String[] parts = key.path().split("\\.");
      JsonObject node = tree;
      for (int i = 0; i < parts.length - 1; i++) {
        if (node.getJsonObject(parts[i]) == null) {
          node.put(parts[i], new JsonObject());
        }
        node = node.getJsonObject(parts[i]);
      }
      node.put(parts[parts.length - 1], key.defaultValue());
    }
    return tree;
  }

  static IntakeSettings read(ConfigSection c) {
    List<String> verticles = c.strings("verticles", MainVerticle.ALL_ROLES, false, MainVerticle.ALL_ROLES);
    return new IntakeSettings(verticles,
        ClusterSettings.read(c.section("cluster")),
        HttpSettings.read(c.section("http")),
        PostgresSettings.read(c.section("database")),
        PersistenceSettings.read(c.section("persistence")),
        NormalizationSettings.read(c.section("normalization")),
        LearnerSettings.read(c.section("learner")),
        LlmSettings.read(c.section("llm")),
        EmbeddingSettings.read(c.section("embedding")),
        VectorSettings.read(c.section("vectors")),
        EnrichmentSettings.read(c.section("enrichment")),
        LogPatternSettings.read(c.section("patterns")),
        SimulatorSettings.read(c.section("simulator")),
        WatcherSettings.read(c.section("watcher")),
        ShutdownSettings.read(c.section("shutdown")),
        KafkaSettings.read(c.section("kafka")));
  }
}
