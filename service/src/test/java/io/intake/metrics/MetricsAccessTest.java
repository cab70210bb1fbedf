package io.intake.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.intake.support.ValidBodies;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code http.metrics.open=false}: the scrape needs an admin key; {@code POST /metrics} is still the batch ingest. */
@ExtendWith(VertxExtension.class)
class MetricsAccessTest {

  @Test
  void aClosedScrapeNeedsAnAdminKey(Vertx vertx) {
    String adminKey = "admin-key-for-metrics-test";
    try (RunningApp app = RunningApp.start(vertx, new JsonObject().put("http", new JsonObject()
        .put("metrics", new JsonObject().put("open", false))
        .put("security", new JsonObject().put("api_keys", new JsonObject()
            .put("admin", new io.vertx.core.json.JsonArray().add(adminKey))))))) {
      Http ingest = app.http();
      Http anonymous = ingest.withApiKey(null);
      Http admin = ingest.withApiKey(adminKey);
      assertThat(anonymous.get("/metrics").statusCode()).isEqualTo(401);
      assertThat(ingest.get("/metrics").statusCode()).isEqualTo(401);
      assertThat(admin.get("/metrics").statusCode()).isEqualTo(200);
      assertThat(admin.get("/metrics").bodyAsString()).contains("# TYPE intake_ready gauge");
      assertThat(ingest.postJson("/metrics", ValidBodies.all().get("/metrics")).statusCode()).isEqualTo(202);
      assertThat(TestApp.API_KEY).isNotEqualTo(adminKey);
    }
  }
}
