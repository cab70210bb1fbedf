package io.intake.persistence;

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

  /** Blocking. */
  public static void migrate(DatabaseSettings db) {
    MigrateResult result = Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration")
        .connectRetries(5)
        .load()
        .migrate();
    LOG.info("schema at version {} ({} migrations applied)", result.targetSchemaVersion,
        result.migrationsExecuted);
  }
}
