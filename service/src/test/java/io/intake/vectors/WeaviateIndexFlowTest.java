package io.intake.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The program with {@code WEAVIATE_URL} set: vectors are indexed in (a local stand-in for)
 * Weaviate, similarity and dedup go through it, and an outage fails the index stage, which is
 * retried once Weaviate is back.
 */
@ExtendWith(VertxExtension.class)
class WeaviateIndexFlowTest {

  private static String create(Http http, String service, String text) {
    return http.postJson("/ingest/demo", new JsonObject().put("service", service).put("severity", "sev3")
        .put("description", text)).bodyAsJsonObject().getString("work_item_id");
  }

  private static String state(Http http, String id) {
    return http.get("/work-items/" + id).bodyAsJsonObject().getJsonObject("enrichment").getString("state");
  }

  @Test
  void itemsAreIndexedSearchedAndDedupedInWeaviate(Vertx vertx) {
    FakeWeaviate weaviate = new FakeWeaviate(vertx).start();
    JsonObject overrides = new JsonObject()
        .put("vectors", new JsonObject().put("weaviate", new JsonObject().put("url", weaviate.url()).put("timeout_ms", 2000))
            .put("dedup", new JsonObject().put("enabled", true)))
        .put("enrichment", new JsonObject().put("stale_after_seconds", 1).put("sweep_interval_ms", 500));
    try (RunningApp app = RunningApp.start(vertx, overrides)) {
      Http http = app.http();
      String first = create(http, "payments", "Card authorization requests time out at the acquirer");
      TestApp.eventually(Duration.ofSeconds(30), () -> "indexed".equals(state(http, first)));
      assertThat(weaviate.schemaClass("WorkItem")).isNotNull();
      assertThat(weaviate.count("POST /v1/batch/objects")).isGreaterThanOrEqualTo(1);

      String twin = create(http, "payments", "Card authorization requests are timing out at the acquirer");
      TestApp.eventually(Duration.ofSeconds(30), () -> "indexed".equals(state(http, twin)));
      JsonObject linked = http.get("/work-items/" + twin).bodyAsJsonObject();
      assertThat(linked.getString("status")).isEqualTo("open");
      assertThat(linked.getString("merged_into")).isEqualTo(first);
      assertThat(linked.getJsonObject("merge").getString("kind")).isEqualTo("semantic");

      JsonObject found = http.postJson("/search", new JsonObject().put("text", "acquirer timeouts on card auth")).bodyAsJsonObject();
      assertThat(found.getJsonArray("results").getJsonObject(0).getJsonObject("work_item").getString("service")).isEqualTo("payments");

      // Weaviate fails: the item stops at "embedded" with the reason, and is indexed once it is back.
      weaviate.mode(FakeWeaviate.Mode.FAIL);
      String during = create(http, "search", "Search results are empty for every query");
      TestApp.eventually(Duration.ofSeconds(30), () -> {
        JsonObject item = http.get("/work-items/" + during).bodyAsJsonObject();
        String error = item.getJsonObject("enrichment").getString("error");
        return "embedded".equals(state(http, during)) && error != null && error.startsWith("index:");
      });
      weaviate.mode(FakeWeaviate.Mode.OK);
      TestApp.eventually(Duration.ofSeconds(30), () -> "indexed".equals(state(http, during)));
    } finally {
      weaviate.stop();
    }
  }
}
