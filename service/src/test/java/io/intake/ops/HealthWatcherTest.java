package io.intake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The watcher against real HTTP targets on loopback and a real alert webhook receiver: a dead URL
 * becomes one work item and one alert; recovery resolves it and alerts once more; a stale
 * freshness field counts as unhealthy.
 */
@ExtendWith(VertxExtension.class)
class HealthWatcherTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @Test
  void dead_target_raises_one_item_and_one_alert_then_recovery_resolves_it(Vertx vertx) {
    List<JsonObject> alerts = new CopyOnWriteArrayList<>();
    int alertPort = TestApp.freePort();
    TestApp.await(vertx.createHttpServer().requestHandler(r -> r.body().onSuccess(b -> {
      alerts.add(b.toJsonObject());
      r.response().end();
    })).listen(alertPort, "127.0.0.1"));
    int targetPort = TestApp.freePort(); // nothing listens yet: connection refused

    String databaseUrl = TestPostgres.newDatabase();
    int port = TestApp.freePort();
    TestApp.deploy(vertx, port, new JsonObject()
        .put("database", new JsonObject().put("url", databaseUrl))
        .put("watcher", new JsonObject()
            .put("alert_webhook_url", "http://127.0.0.1:" + alertPort + "/alerts")
            .put("severity", "sev1")
            .put("failure_threshold", 2).put("recovery_threshold", 2)
            .put("targets", new JsonArray().add(new JsonObject()
                .put("name", "billing-api").put("url", "http://127.0.0.1:" + targetPort + "/healthz")
                .put("service", "billing").put("interval_ms", 50).put("timeout_ms", 500)))));
    try (Http http = new Http(vertx, port)) {
      TestApp.eventually(DEADLINE, () -> alerts.size() == 1);
      JsonObject alert = alerts.get(0);
      assertThat(alert.getString("event")).isEqualTo("target.failing");
      assertThat(alert.getString("target")).isEqualTo("billing-api");
      String itemId = alert.getString("work_item_id");
      assertThat(itemId).startsWith("wi_");
      JsonObject item = http.get("/work-items/" + itemId).bodyAsJsonObject();
      assertThat(item.getString("source")).isEqualTo("watcher");
      assertThat(item.getString("service")).isEqualTo("billing");
      assertThat(item.getString("severity")).isEqualTo("sev1");
      assertThat(item.getString("status")).isEqualTo("open");

      // Many more failing polls: still one item and one alert.
      TestApp.eventually(DEADLINE, () -> watcherTarget(http).getInteger("consecutive_failures") >= 12);
      assertThat(alerts).hasSize(1);
      assertThat(http.get("/work-items?service=billing").bodyAsJsonObject().getLong("total")).isEqualTo(1);
      assertThat(http.get("/readyz").bodyAsJsonObject().getJsonObject("checks").getJsonObject("watcher")
          .getJsonArray("targets").getJsonObject(0).getString("state")).isEqualTo("failing");

      HttpServer target = TestApp.await(vertx.createHttpServer().requestHandler(r -> r.response().end("{}"))
          .listen(targetPort, "127.0.0.1"));
      TestApp.eventually(DEADLINE, () -> alerts.size() == 2);
      assertThat(alerts.get(1).getString("event")).isEqualTo("target.recovered");
      TestApp.eventually(DEADLINE, () -> http.get("/work-items/" + itemId).bodyAsJsonObject()
          .getString("status").equals("resolved"));
      String actor = TestPostgres.query(databaseUrl,
          "SELECT actor_id FROM outcomes WHERE work_item_id = '" + itemId + "'", r -> r.next() ? r.getString(1) : null);
      assertThat(actor).isEqualTo("intake-watcher");
      assertThat(watcherTarget(http).getString("state")).isEqualTo("healthy");
      TestApp.await(target.close());
    }
  }

  @Test
  void a_stale_freshness_field_is_unhealthy(Vertx vertx) {
    AtomicReference<String> generatedAt = new AtomicReference<>(Instant.now().minusSeconds(7200).toString());
    int targetPort = TestApp.freePort();
    TestApp.await(vertx.createHttpServer().requestHandler(r -> r.response()
        .end(new JsonObject().put("manifest", new JsonObject().put("generated_at", generatedAt.get())).encode()))
        .listen(targetPort, "127.0.0.1"));
    int port = TestApp.freePort();
    TestApp.deploy(vertx, port, new JsonObject()
        .put("database", new JsonObject().put("url", TestPostgres.newDatabase()))
        .put("watcher", new JsonObject().put("failure_threshold", 1).put("recovery_threshold", 1)
            .put("targets", new JsonArray().add(new JsonObject()
                .put("name", "rag-index").put("url", "http://127.0.0.1:" + targetPort + "/healthz")
                .put("freshness_field", "manifest.generated_at").put("max_age_seconds", 3600)
                .put("interval_ms", 50)))));
    try (Http http = new Http(vertx, port)) {
      TestApp.eventually(DEADLINE, () -> watcherTarget(http).getString("state").equals("stale"));
      assertThat(watcherTarget(http).getString("reason")).contains("manifest.generated_at");
      TestApp.eventually(DEADLINE, () -> watcherTarget(http).getString("work_item_id") != null);
      String itemId = watcherTarget(http).getString("work_item_id");
      assertThat(http.get("/work-items/" + itemId).bodyAsJsonObject().getString("description")).contains("stale");

      generatedAt.set(Instant.now().toString());
      TestApp.eventually(DEADLINE, () -> watcherTarget(http).getString("state").equals("healthy"));
      TestApp.eventually(DEADLINE, () -> http.get("/work-items/" + itemId).bodyAsJsonObject()
          .getString("status").equals("resolved"));
    }
  }

  private static JsonObject watcherTarget(Http http) {
    return http.get("/watcher/status").bodyAsJsonObject().getJsonArray("targets").getJsonObject(0);
  }
}
