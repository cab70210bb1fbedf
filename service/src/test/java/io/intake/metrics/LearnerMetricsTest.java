package io.intake.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.fakes.FakeLearner;
import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.intake.support.ValidBodies;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Learner that fails shows in /metrics as an operator would look for it: retries counted, the
 * breaker open (state 2, one opening), the outcome waiting in the outbox with an age, no delivery
 * and no dead letter.
 */
@ExtendWith(VertxExtension.class)
class LearnerMetricsTest {

  @Test
  void aFailingLearnerOpensTheBreakerAndTheOutcomeWaitsInTheOutbox(Vertx vertx) {
    FakeLearner learner = new FakeLearner(vertx).start();
    learner.mode(FakeLearner.Mode.FAIL);
    try (RunningApp app = RunningApp.start(vertx, new JsonObject()
        .put("http", new JsonObject().put("metrics", new JsonObject().put("refresh_interval_ms", 200)))
        .put("learner", new JsonObject().put("url", learner.url()).put("poll_interval_ms", 100)
            .put("request_timeout_ms", 500).put("backoff_base_ms", 50).put("backoff_max_ms", 200)
            .put("breaker", new JsonObject().put("max_failures", 2).put("reset_timeout_ms", 60_000))))) {
      Http http = app.http();
      String item = http.postJson("/work-items", ValidBodies.all().get("/work-items")).bodyAsJsonObject()
          .getString("work_item_id");
      assertThat(http.postJson("/work-items/" + item + "/outcome", ValidBodies.all().get("/work-items/{id}/outcome"))
          .statusCode()).isEqualTo(200);

      TestApp.eventually(Duration.ofSeconds(30), () -> {
        Scrape s = MetricsEndpointTest.scrape(http);
        return s.value("intake_breaker_state", Map.of("breaker", "learner")) == 2
            && s.value("intake_outbox_pending", Map.of()) == 1;
      });
      Scrape open = MetricsEndpointTest.scrape(http);
      assertThat(open.value("intake_breaker_opened_total", Map.of("breaker", "learner"))).isEqualTo(1);
      assertThat(open.value("intake_learner_delivery_duration_seconds_count", Map.of("outcome", "retry"))).isGreaterThanOrEqualTo(2);
      assertThat(open.value("intake_learner_delivery_duration_seconds_count", Map.of("outcome", "delivered"))).isZero();
      assertThat(open.value("intake_outbox_oldest_pending_age_seconds", Map.of())).isGreaterThan(0);
      assertThat(open.value("intake_outbox_dead_letters", Map.of())).isZero();
    } finally {
      learner.stop();
    }
  }
}
