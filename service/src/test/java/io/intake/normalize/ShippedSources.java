package io.intake.normalize;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The normalizers exactly as conf/config.json configures them: the documented defaults under test. */
final class ShippedSources {

  private ShippedSources() {
  }

  static JsonObject config() {
    try {
      return new JsonObject(Files.readString(Path.of("conf/config.json")))
          .getJsonObject("normalization").getJsonObject("sources");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @param overrides merged over the shipped {@code normalization.sources} */
  static Map<String, SourceNormalizer> normalizers(JsonObject overrides) {
    JsonObject sources = config().mergeIn(overrides, true);
    return SourceRegistry.normalizers(sources);
  }

  static SourceNormalizer normalizer(String source) {
    return normalizers(new JsonObject()).get(source);
  }
}
