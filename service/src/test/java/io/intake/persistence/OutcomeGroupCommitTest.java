package io.intake.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.fakes.FakeLearner;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Outcomes sent at once share transactions, and each is still recorded, queued and delivered to the
 * Learner exactly once; a failure inside a shared transaction is its own request's alone.
 */
@ExtendWith(VertxExtension.class)
class OutcomeGroupCommitTest {

  private static final int OUTCOMES = 80;

  private FakeLearner learner;
  private RunningApp app;

  @BeforeEach
  void start(Vertx vertx) {
    learner = new FakeLearner(vertx).start();
    app = RunningApp.start(vertx, new JsonObject().put("learner", new JsonObject()
        .put("url", learner.url()).put("poll_interval_ms", 100)));
  }

  @AfterEach
  void stop() {
    app.close();
    learner.stop();
  }

  private List<String> newItems(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(app.http().postJson("/ingest/demo", new JsonObject().put("service", "gc-service").put("severity", "sev2")
          .put("description", "group commit " + i)).bodyAsJsonObject().getString("work_item_id"));
    }
    return ids;
  }

  /** All sent before any answer is awaited. */
  private List<HttpResponse<Buffer>> sendAtOnce(List<String> items, Function<Integer, JsonObject> body) {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      sent.add(app.http().request(HttpMethod.POST, "/work-items/" + items.get(i) + "/outcome").sendJsonObject(body.apply(i)));
    }
    TestApp.await(Future.join(sent));
    return sent.stream().map(Future::result).toList();
  }

  @Test
  void concurrent_outcomes_are_each_recorded_queued_and_delivered_once_in_fewer_transactions() {
    List<String> items = newItems(OUTCOMES);
    // Every item's outcome twice with the same event_id (a client retry racing its original).
    List<String> targets = new ArrayList<>(items);
    targets.addAll(items);
    List<HttpResponse<Buffer>> answers = sendAtOnce(targets,
        i -> new JsonObject().put("type", "resolved").put("actor_id", "human_1").put("event_id", "evt-gc-" + (i % OUTCOMES)));

    assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
    // The original and its retry are answered with the same outcome.
    Map<String, Set<String>> outcomeIds = answers.stream().map(HttpResponse::bodyAsJsonObject)
        .collect(Collectors.groupingBy(b -> b.getString("event_id"),
            Collectors.mapping(b -> b.getString("outcome_id"), Collectors.toSet())));
    assertThat(outcomeIds).hasSize(OUTCOMES).allSatisfy((event, ids) -> assertThat(ids).as(event).hasSize(1));
    assertThat(app.count("SELECT count(*) FROM outcomes")).isEqualTo(OUTCOMES);
    assertThat(app.count("SELECT count(*) FROM outcome_outbox")).isEqualTo(OUTCOMES);
    assertThat(app.count("SELECT count(*) FROM work_items WHERE service = 'gc-service' AND status = 'resolved'"))
        .isEqualTo(OUTCOMES);
    // Rows written by one transaction share its id (xmin): fewer ids than outcomes is the group commit.
    assertThat(app.count("SELECT count(DISTINCT xmin::text) FROM outcomes")).isLessThan(OUTCOMES);

    TestApp.eventually(Duration.ofSeconds(30), () -> learner.received().size() >= OUTCOMES
        && app.count("SELECT count(*) FROM outcome_outbox WHERE status = 'delivered'") == OUTCOMES);
    Map<String, Integer> deliveries = new HashMap<>();
    learner.received().forEach(r -> deliveries.merge(r.eventId(), 1, Integer::sum));
    assertThat(deliveries).hasSize(OUTCOMES).allSatisfy((event, n) -> assertThat(n).as(event).isEqualTo(1));
  }

  @Test
  void a_failing_outcome_in_a_shared_transaction_fails_alone() {
    TestPostgres.execute(app.databaseUrl(), """
        CREATE FUNCTION fail_outbox() RETURNS trigger AS $$
        BEGIN
          IF NEW.payload->>'actor_id' = 'fail-outbox' THEN RAISE EXCEPTION 'injected outbox failure'; END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""");
    TestPostgres.execute(app.databaseUrl(),
        "CREATE TRIGGER fail_outbox BEFORE INSERT ON outcome_outbox FOR EACH ROW EXECUTE FUNCTION fail_outbox()");
    List<String> items = newItems(40);
    List<HttpResponse<Buffer>> answers = sendAtOnce(items,
        i -> new JsonObject().put("type", "reassigned").put("new_assignee_id", "human_2")
            .put("actor_id", i % 10 == 3 ? "fail-outbox" : "human_1"));

    for (int i = 0; i < items.size(); i++) {
      boolean poisoned = i % 10 == 3;
      assertThat(answers.get(i).statusCode()).as("outcome %d", i).isEqualTo(poisoned ? 500 : 200);
      long outcomes = app.count("SELECT count(*) FROM outcomes WHERE work_item_id = '" + items.get(i) + "'");
      assertThat(outcomes).as("outcome %d recorded", i).isEqualTo(poisoned ? 0 : 1);
      String status = app.text("SELECT status FROM work_items WHERE id = '" + items.get(i) + "'");
      assertThat(status).as("outcome %d status", i).isEqualTo(poisoned ? "open" : "assigned");
    }
    assertThat(app.count("SELECT count(*) FROM outcome_outbox")).isEqualTo(36);
  }

  @Test
  void an_unknown_item_in_a_shared_transaction_is_not_found_alone() {
    List<String> items = new ArrayList<>(newItems(20));
    items.set(7, "wi_does_not_exist");
    List<HttpResponse<Buffer>> answers = sendAtOnce(items,
        i -> new JsonObject().put("type", "resolved").put("actor_id", "human_1"));
    for (int i = 0; i < items.size(); i++) {
      assertThat(answers.get(i).statusCode()).as("outcome %d", i).isEqualTo(i == 7 ? 404 : 200);
    }
    assertThat(app.count("SELECT count(*) FROM outcomes")).isEqualTo(19);
  }
}
