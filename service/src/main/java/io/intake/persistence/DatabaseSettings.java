package io.intake.persistence;

import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Where PostgreSQL is. Parsed once from {@code POSTGRES_URL} (libpq URI:
 * {@code postgresql://user:pass@host:5432/db}; {@code jdbc:postgresql://…} is accepted too) or
 * set by the embedded server, then handed to the persistence verticles as JSON.
 */
public record DatabaseSettings(String host, int port, String database, String user, String password) {

  public static DatabaseSettings fromUrl(String url) {
    String uri = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
    PgConnectOptions options;
    try {
      options = PgConnectOptions.fromUri(uri);
    } catch (RuntimeException e) {
      // Do not echo the URL: it may carry a password.
      throw new IllegalArgumentException("POSTGRES_URL is not a postgresql:// URL", e);
    }
    return new DatabaseSettings(options.getHost(), options.getPort(), options.getDatabase(),
        options.getUser(), options.getPassword());
  }

  public PgConnectOptions connectOptions() {
    PgConnectOptions options = new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user);
    if (password != null) {
      options.setPassword(password);
    }
    return options;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("host", host)
        .put("port", port)
        .put("database", database)
        .put("user", user)
        .put("password", password);
  }

  public static DatabaseSettings fromJson(JsonObject json) {
    return new DatabaseSettings(json.getString("host"), json.getInteger("port"),
        json.getString("database"), json.getString("user"), json.getString("password"));
  }

  /** For logs: everything but the password. */
  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
