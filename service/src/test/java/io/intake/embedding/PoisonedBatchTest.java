package io.intake.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.Addresses;
import io.intake.enrichment.EnrichmentVerticle;
import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.CompositeFuture;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A text the model cannot embed (a lone BOM, a lone zero-width space) among unrelated texts that
 * share its micro-batch: only that text gets the refusal; the others are searched and indexed.
 */
@ExtendWith(VertxExtension.class)
class PoisonedBatchTest {

  private static final List<String> BAD = List.of("\ufeff", "\u200b", "\u200b\u200d", "\u202e");

  @Test
  void concurrent_searches_with_bad_texts_fail_only_themselves(Vertx vertx) {
    try (RunningApp app = RunningApp.start(vertx)) {
      Http http = app.http();
      assertThat(http.postJson("/ingest/demo", new JsonObject().put("service", "api").put("severity", "sev2")
          .put("description", "Database connection pool exhausted")).statusCode()).isEqualTo(201);
      // 60 at once, every fifth one bad: they meet in the embedding verticle's micro-batches.
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        String text = i % 5 == 0 ? BAD.get((i / 5) % BAD.size()) : "database connection timeout " + i;
        calls.add(http.request(HttpMethod.POST, "/search").sendJsonObject(new JsonObject().put("text", text)));
      }
      TestApp.await(Future.join(new ArrayList<>(calls)));
      Map<Integer, Integer> byStatus = new TreeMap<>();
      calls.forEach(c -> byStatus.merge(c.result().statusCode(), 1, Integer::sum));
      assertThat(byStatus).as("statuses of 60 concurrent searches").containsExactly(Map.entry(200, 48), Map.entry(400, 12));
      for (int i = 0; i < calls.size(); i++) {
        HttpResponse<Buffer> response = calls.get(i).result();
        if (i % 5 == 0) {
          assertThat(response.statusCode()).as("bad text %d", i).isEqualTo(400);
          JsonObject detail = response.bodyAsJsonObject().getJsonArray("details").getJsonObject(0);
          assertThat(detail.getString("field")).isEqualTo("text");
          assertThat(detail.getString("rule")).isEqualTo("embeddable");
        }
      }
    }
  }

  /** Straight to the embedding address (no HTTP check in front): each request gets its own outcome. */
  @Test
  void the_embedding_verticle_answers_each_request_on_its_own(Vertx vertx) {
    try (RunningApp app = RunningApp.start(vertx)) {
      List<Future<JsonObject>> answers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        JsonArray texts = new JsonArray().add("disk full on node " + i);
        if (i % 4 == 0) {
          texts.add(BAD.get(i % BAD.size()));
        }
        answers.add(vertx.eventBus().<JsonObject>request(Addresses.EMBED, new JsonObject().put("texts", texts))
            .map(m -> m.body()));
      }
      TestApp.await(Future.join(new ArrayList<>(answers)));
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).succeeded()).as("request %d", i).isTrue();
        JsonObject answer = answers.get(i).result();
        assertThat(answer.getJsonArray("vectors").getBinary(0)).as("good text of request %d", i).hasSize(384 * 4);
        if (i % 4 == 0) {
          assertThat(answer.getJsonArray("vectors").getValue(1)).isNull();
          assertThat(answer.getJsonArray("refusals").getJsonObject(1).getString("rule")).isEqualTo("embeddable");
        }
      }
    }
  }

  /**
   * Items stored while no enrichment runs, then one pass over all of them (the start-up sweep puts
   * them in one batch): the good ones are indexed, the bad ones end not_embeddable on their first
   * attempt with the reason on the item.
   */
  @Test
  void one_bad_item_does_not_fail_its_enrichment_batch(Vertx vertx) {
    JsonArray roles = new JsonArray(List.of("persistence", "llm", "embedding", "vectors", "normalization", "http"));
    try (RunningApp app = RunningApp.start(vertx, new JsonObject().put("verticles", roles))) {
      Http http = app.http();
      List<String> good = new ArrayList<>();
      List<String> bad = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        boolean poisoned = i % 4 == 1;
        String description = poisoned ? BAD.get(i % BAD.size()) : "Payment gateway timeout number " + i;
        HttpResponse<Buffer> created = http.postJson("/ingest/demo",
            new JsonObject().put("service", "pay").put("severity", "sev2").put("description", description));
        assertThat(created.statusCode()).as("stored: %s", description).isEqualTo(201);
        (poisoned ? bad : good).add(created.bodyAsJsonObject().getString("work_item_id"));
      }
      TestApp.await(vertx.deployVerticle(EnrichmentVerticle.class, new DeploymentOptions().setConfig(new JsonObject()
          .put("batch_size", 32).put("max_attempts", 3).put("retry_delay_ms", 50).put("first_sweep_delay_ms", 10))));

      List<String> all = new ArrayList<>(good);
      all.addAll(bad);
      // Settled: no item is still on its way (pending, cleaned or embedded).
      TestApp.eventually(Duration.ofSeconds(60), () -> app.count("SELECT count(*) FROM work_items WHERE enrichment_state"
          + " IN ('pending', 'cleaned', 'embedded')") == 0);
      for (String id : good) {
        JsonObject enrichment = http.get("/work-items/" + id).bodyAsJsonObject().getJsonObject("enrichment");
        assertThat(enrichment.getString("state")).as("good item %s: %s", id, enrichment).isEqualTo("indexed");
      }
      for (String id : bad) {
        JsonObject enrichment = http.get("/work-items/" + id).bodyAsJsonObject().getJsonObject("enrichment");
        assertThat(enrichment.getString("state")).as("bad item %s", id).isEqualTo("not_embeddable");
        assertThat(enrichment.getString("error")).contains("must contain at least one letter");
        assertThat(enrichment.getInteger("attempts")).as("never retried").isEqualTo(1);
      }
      JsonObject stats = http.get("/stats").bodyAsJsonObject().getJsonObject("enrichment");
      assertThat(stats.getJsonObject("database").getLong("not_embeddable")).isEqualTo(bad.size());
    }
  }
}
