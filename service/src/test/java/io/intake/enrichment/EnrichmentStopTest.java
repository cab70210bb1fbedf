package io.intake.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.ops.Drain;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stopping the enrichment verticle while a pass runs: in a graceful shutdown ({@link Drain}) the
 * stop waits for the pass to end; the pass is held by {@link GateStage} until the test opens it.
 * The verticle is deployed beside an app without the enrichment role, so the test owns its
 * deployment.
 */
@ExtendWith(VertxExtension.class)
class EnrichmentStopTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @Test
  void a_graceful_stop_waits_for_the_running_pass(Vertx vertx) throws Exception {
    JsonObject overrides = new JsonObject()
        .put("verticles", new JsonArray(java.util.List.of("persistence", "normalization", "http")));
    try (RunningApp app = RunningApp.start(vertx, overrides)) {
      String enrichment = TestApp.await(vertx.deployVerticle(EnrichmentVerticle.class, new DeploymentOptions()
          .setConfig(new JsonObject().put("stages", new JsonArray().add(GateStage.NAME)))));
      var created = app.http().postJson("/ingest/demo", new JsonObject().put("service", "checkout")
          .put("severity", "sev2").put("description", "held while stopping"));
      assertThat(created.statusCode()).isEqualTo(201);
      String id = created.bodyAsJsonObject().getString("work_item_id");
      TestApp.eventually(DEADLINE, () -> GateStage.HELD.contains(id));

      Drain.of(vertx).begin(0);
      Future<Void> stopped = vertx.undeploy(enrichment);
      // A status request answered after the stop began: the verticle's context has run the stop by now.
      TestApp.await(vertx.eventBus().request(io.intake.bus.Addresses.ENRICHMENT_STATUS, new JsonObject()));
      assertThat(stopped.isComplete()).as("the stop waits while the pass is held").isFalse();

      GateStage.open();
      TestApp.await(stopped, DEADLINE);
    }
  }
}
