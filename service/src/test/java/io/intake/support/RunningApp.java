package io.intake.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The whole program deployed on a fresh database, with a client for its HTTP API. */
public record RunningApp(String databaseUrl, Http http) implements AutoCloseable {

  /** @param overrides merged over the test defaults (database URL, port, simulator off) */
  public static RunningApp start(Vertx vertx, JsonObject overrides) {
    String databaseUrl = TestPostgres.newDatabase();
    int port = TestApp.freePort();
    TestApp.deploy(vertx, port, new JsonObject()
        .put("database", new JsonObject().put("url", databaseUrl))
        .mergeIn(overrides, true));
    return new RunningApp(databaseUrl, new Http(vertx, port));
  }

  public static RunningApp start(Vertx vertx) {
    return start(vertx, new JsonObject());
  }

  /** The first column of the first row of a query on this app's database, as a number (-1: no row). */
  public long count(String sql) {
    return TestPostgres.query(databaseUrl, sql, r -> r.next() ? r.getLong(1) : -1);
  }

  /** The first column of the first row of a query on this app's database, as text (null: no row). */
  public String text(String sql) {
    return TestPostgres.<String>query(databaseUrl, sql, r -> r.next() ? r.getString(1) : null);
  }

  @Override
  public void close() {
    http.close();
  }
}
