package io.intake.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A simulator-only node posting to another node's /ingest/demo sends that node's ingest API key. */
class SimulatorApiKeyTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private static JsonObject simulatorNode(int ingestPort, String key, String service) {
    return new JsonObject()
        .put("verticles", new JsonArray().add("simulator").add("http"))
        .put("simulator", new JsonObject().put("auto_start", true).put("emit_logs", false)
            .put("service_name", service).put("error_probability", 1.0).put("log_interval", 0.05)
            .put("services", new JsonArray())
            .put("ingest_url", "http://127.0.0.1:" + ingestPort).put("ingest_api_key", key));
  }

  private static long status(Http http, String field) {
    return http.get("/monitoring/status").bodyAsJsonObject().getJsonArray("services").getJsonObject(0).getLong(field);
  }

  @Test
  void the_configured_key_is_sent_and_a_wrong_one_is_refused() {
    Vertx ingestVertx = Vertx.vertx();
    Vertx goodVertx = Vertx.vertx();
    Vertx badVertx = Vertx.vertx();
    try {
      String db = TestPostgres.newDatabase();
      int ingestPort = TestApp.freePort();
      TestApp.deploy(ingestVertx, ingestPort, new JsonObject()
          .put("verticles", new JsonArray().add("persistence").add("normalization").add("http"))
          .put("database", new JsonObject().put("url", db))
          .put("http", new JsonObject().put("security", new JsonObject()
              .put("api_keys", new JsonObject().put("ingest", new JsonArray().add("node-ingest-key"))))));

      int goodPort = TestApp.freePort();
      TestApp.deploy(goodVertx, goodPort, simulatorNode(ingestPort, "node-ingest-key", "keyed-svc"));
      int badPort = TestApp.freePort();
      TestApp.deploy(badVertx, badPort, simulatorNode(ingestPort, "stale-key", "unkeyed-svc"));

      try (Http good = new Http(goodVertx, goodPort); Http bad = new Http(badVertx, badPort)) {
        TestApp.eventually(DEADLINE, () -> status(good, "work_items_created") >= 3);
        TestApp.eventually(DEADLINE, () -> status(bad, "ingest_failures") >= 3);
        assertThat(status(bad, "work_items_created")).isZero();
      }
      assertThat(TestPostgres.<Long>query(db, "SELECT count(*) FROM work_items WHERE service = 'keyed-svc'",
          r -> r.next() ? r.getLong(1) : -1)).isGreaterThanOrEqualTo(3);
      assertThat(TestPostgres.<Long>query(db, "SELECT count(*) FROM work_items WHERE service = 'unkeyed-svc'",
          r -> r.next() ? r.getLong(1) : -1)).isZero();
    } finally {
      TestApp.await(badVertx.close());
      TestApp.await(goodVertx.close());
      TestApp.await(ingestVertx.close());
    }
  }
}
