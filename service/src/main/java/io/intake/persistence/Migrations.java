package io.intake.persistence;

import io.intake.config.StartupFailure;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations ({@code src/main/resources/db/migration}), applied with Flyway over
 * JDBC once at start-up, before any verticle touches the database. Flyway takes a PostgreSQL
 * advisory lock, so several nodes starting together migrate once.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {
  }

  /**
   * Blocking.
   *
   * @return the schema version after migrating
   * @throws StartupFailure when the server cannot be used at all (see {@link #probe})
   */
  public static String migrate(DatabaseSettings db) {
    probe(db);
    MigrateResult result = Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration")
        .connectRetries(5)
        .load()
        .migrate();
    LOG.info("schema at version {} ({} migrations applied)", result.targetSchemaVersion,
        result.migrationsExecuted);
    return result.targetSchemaVersion;
  }

  /**
   * One connection attempt before Flyway's retries: a refused connection, an unknown host, a
   * wrong password or a missing database at start-up are settings to fix, not outages to wait
   * out (retrying them took 33 s before the process said anything). Anything else (a server still
   * starting, a timeout) is left to Flyway's retries. Outages after a successful start are the
   * pool's business and are retried without end.
   */
  static void probe(DatabaseSettings db) {
    Properties props = new Properties();
    props.setProperty("user", db.user() == null ? "" : db.user());
    if (db.password() != null) {
      props.setProperty("password", db.password());
    }
    props.setProperty("connectTimeout", "5");
    props.setProperty("loginTimeout", "10");
    try {
      DriverManager.getConnection(db.jdbcUrl(), props).close();
    } catch (SQLException e) {
      String reason = unusable(e);
      if (reason != null) {
        throw new StartupFailure("PostgreSQL at " + db.host() + ":" + db.port() + " " + reason
            + "; check POSTGRES_URL (database.url, alias DATABASE_URL)", e);
      }
      LOG.debug("PostgreSQL not answering yet, Flyway retries: {}", e.getMessage());
    }
  }

  /** @return why the server cannot be used as configured, or null when waiting may help */
  static String unusable(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "refused the connection (nothing listens there)";
      }
      if (t instanceof UnknownHostException) {
        return "is not reachable: unknown host";
      }
    }
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return switch (state) {
      case "28P01", "28000" -> "rejected the user or password";
      case "3D000" -> "has no database of that name";
      default -> null;
    };
  }
}
