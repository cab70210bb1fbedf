package io.intake.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for the whole test JVM (the same embedded binaries the product
 * runs), and a fresh database per test class so classes never see each other's rows.
 */
public final class TestPostgres {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder()
            .setDataDirectory(Files.createTempDirectory("intake-test-pg"))
            .setCleanDataDirectory(true)
            .setServerConfig("fsync", "off")
            .setServerConfig("max_connections", "300")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }

  /** Creates an empty database and returns its {@code postgresql://} URL (the POSTGRES_URL form). */
  public static String newDatabase() {
    String name = "intake_test_" + DATABASES.incrementAndGet();
    execute("postgres", "CREATE DATABASE " + name);
    return "postgresql://postgres@127.0.0.1:" + server().getPort() + "/" + name;
  }

  /** Runs SQL against a database by its URL (test assertions and fault injection only). */
  public static void execute(String url, String sql) {
    String database = url.contains("/") ? url.substring(url.lastIndexOf('/') + 1) : url;
    try (Connection c = server().getDatabase("postgres", database).getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static <T> T query(String url, String sql, SqlFunction<T> reader) {
    String database = url.substring(url.lastIndexOf('/') + 1);
    try (Connection c = server().getDatabase("postgres", database).getConnection();
        Statement s = c.createStatement()) {
      return reader.apply(s.executeQuery(sql));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @FunctionalInterface
  public interface SqlFunction<T> {
    T apply(java.sql.ResultSet rows) throws SQLException;
  }
}
