package io.intake.persistence;

import io.intake.config.ConfigSection;
import io.vertx.core.json.JsonObject;

/**
 * The {@code database} configuration slice: a server's URL, or where the embedded server keeps
 * its data. Parsing the URL into a connection is {@link DatabaseSettings#fromUrl}.
 *
 * @param url           {@code postgresql://user:pass@host:port/db}; null: the embedded server
 * @param embeddedPort  the embedded server's loopback port; 0: a free one
 */
public record PostgresSettings(String url, String dataDir, int embeddedPort) {

  public static PostgresSettings fromJson(JsonObject slice) {
    return read(ConfigSection.of("database", slice));
  }

  public static PostgresSettings read(ConfigSection c) {
    String url = c.optionalString("url", "the embedded server");
    ConfigSection embedded = c.section("embedded");
    return new PostgresSettings(url, embedded.string("data_dir", "./data"), embedded.integer("port", 0, 0, 65_535));
  }
}
