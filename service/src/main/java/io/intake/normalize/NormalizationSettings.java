package io.intake.normalize;

import io.intake.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The {@code normalization} configuration slice: instances, the persistence timeout, and each
 * source's normalizer built from its slice of {@code sources} (each source declares its own keys in
 * {@link SourceRegistry}).
 */
public record NormalizationSettings(int instances, long persistTimeoutMs, Map<String, SourceNormalizer> normalizers) {

  public static NormalizationSettings fromJson(JsonObject slice) {
    return read(ConfigSection.of("normalization", slice));
  }

  public static NormalizationSettings read(ConfigSection c) {
    int instances = c.integer("instances", 1, 1);
    long persistTimeout = c.longInteger("persist_timeout_ms", 4000L, 1L);
    return new NormalizationSettings(instances, persistTimeout, SourceRegistry.normalizers(c.section("sources")));
  }
}
