package io.intake.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A separate "Decision service" verticle, knowing only the documented addresses, reacts to what
 * Intake publishes: no polling, versioned bodies, the request's correlation id in the header.
 */
@ExtendWith(VertxExtension.class)
class PublishedEventsTest {

  /** Stands for any event-bus consumer outside this program; it uses string addresses on purpose. */
  static final class DecisionServiceStandIn extends AbstractVerticle {
    final List<Message<JsonObject>> received = new CopyOnWriteArrayList<>();
    private final Checkpoint checkpoint;

    DecisionServiceStandIn(Checkpoint checkpoint) {
      this.checkpoint = checkpoint;
    }

    @Override
    public void start() {
      for (String address : List.of("workitem.created", "workitem.updated", "outcome.recorded")) {
        vertx.eventBus().<JsonObject>consumer(address, message -> {
          // Enrichment publishes workitem.updated too (cause enrichment); this test counts the rest.
          if (!"enrichment".equals(message.body().getString("cause"))) {
            received.add(message);
            checkpoint.flag();
          }
        });
      }
    }
  }

  @Test
  void a_consumer_sees_created_updated_and_outcome_events(Vertx vertx, VertxTestContext test) throws InterruptedException {
    int port = TestApp.freePort();
    TestApp.deployOn(vertx, port, TestPostgres.newDatabase());
    // created, then outcome.recorded + workitem.updated
    Checkpoint events = test.checkpoint(3);
    DecisionServiceStandIn consumer = new DecisionServiceStandIn(events);
    WebClient client = WebClient.create(vertx);
    vertx.deployVerticle(consumer)
        .compose(id -> client.request(HttpMethod.POST, port, "127.0.0.1", "/ingest/demo")
            .putHeader("x-correlation-id", "corr-events-1")
            .putHeader("X-API-Key", TestApp.API_KEY)
            .sendJsonObject(new JsonObject().put("service", "api-service").put("severity", "sev1")
                .put("description", "Service degradation")))
        .compose(created -> client.request(HttpMethod.POST, port, "127.0.0.1",
                "/work-items/" + created.bodyAsJsonObject().getString("work_item_id") + "/outcome")
            .putHeader("x-correlation-id", "corr-events-2")
            .putHeader("X-API-Key", TestApp.API_KEY)
            .sendJsonObject(new JsonObject().put("type", "reassigned").put("actor_id", "h1").put("new_assignee_id", "h2")))
        .onFailure(test::failNow);

    test.awaitCompletion(java.time.Duration.ofSeconds(20).toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    assertThat(test.failed()).isFalse();
    Message<JsonObject> created = find(consumer, "workitem.created");
    assertThat(created.body().getInteger("event_version")).isEqualTo(1);
    assertThat(created.body().getString("occurred_at")).isNotBlank();
    JsonObject item = created.body().getJsonObject("work_item");
    assertThat(item.getString("service")).isEqualTo("api-service");
    assertThat(item.getString("severity")).isEqualTo("sev1");
    assertThat(item.getString("status")).isEqualTo("open");
    assertThat(created.headers().get("x-correlation-id")).isEqualTo("corr-events-1");

    Message<JsonObject> outcome = find(consumer, "outcome.recorded");
    assertThat(outcome.body().getJsonObject("outcome").getString("work_item_id")).isEqualTo(item.getString("id"));
    assertThat(outcome.body().getJsonObject("outcome").getString("type")).isEqualTo("reassigned");
    assertThat(outcome.body().getJsonObject("outcome").getString("event_id")).isNotBlank();
    assertThat(outcome.headers().get("x-correlation-id")).isEqualTo("corr-events-2");

    Message<JsonObject> updated = find(consumer, "workitem.updated");
    assertThat(updated.body().getString("work_item_id")).isEqualTo(item.getString("id"));
    assertThat(updated.body().getString("cause")).isEqualTo("outcome");
    assertThat(updated.body().getJsonObject("changes"))
        .isEqualTo(new JsonObject().put("status", "assigned").put("assignee_id", "h2"));
  }

  private static Message<JsonObject> find(DecisionServiceStandIn consumer, String address) {
    return consumer.received.stream().filter(m -> m.address().equals(address)).findFirst().orElseThrow();
  }
}
