package io.intake.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intake.llm.RulesCleaner;
import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Adding a stage is one class plus its registration: {@link HoldingStage}, registered in test scope
 * and named in {@code enrichment.stages}, runs in the real program after embedding and before
 * indexing.
 */
@ExtendWith(VertxExtension.class)
class EnrichmentStagesTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private static String state(Http http, String id) {
    return http.get("/work-items/" + id).bodyAsJsonObject().getJsonObject("enrichment").getString("state");
  }

  @Test
  void aRegisteredStageRunsWhereItIsListed(Vertx vertx) {
    JsonObject overrides = new JsonObject().put("enrichment", new JsonObject()
        .put("stages", new JsonArray().add("clean").add("embed").add(HoldingStage.NAME).add("index"))
        .put("test_hold_label", "from the enrichment slice"));
    try (RunningApp app = RunningApp.start(vertx, overrides)) {
      Http http = app.http();
      var created = http.postJson("/ingest/demo", new JsonObject().put("service", "checkout").put("severity", "sev2")
          .put("description", "Database connection timeout")
          .put("raw_log", "[2024-01-15 10:30:00,123 ERROR] Database connection timeout"));
      assertThat(created.statusCode()).isEqualTo(201);
      String id = created.bodyAsJsonObject().getString("work_item_id");

      TestApp.eventually(DEADLINE, () -> HoldingStage.SEEN.stream().anyMatch(i -> i.id().equals(id)));
      EnrichmentItem seen = HoldingStage.SEEN.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
      // Clean and embed ran before it: the cleaned description and the vector are on the item...
      assertThat(seen.state()).isEqualTo(EnrichmentState.EMBEDDED);
      assertThat(seen.description()).isEqualTo("Database connection timeout");
      assertThat(seen.embedding()).hasSize(384 * 4);
      assertThat(seen.embeddingModel()).isEqualTo("all-minilm-l6-v2-q");
      assertThat(HoldingStage.CONFIG_SEEN).contains("from the enrichment slice");
      // ...not stored yet: index writes them with its own results in one transaction.
      assertThat(seen.vectorNow()).isTrue();
      assertThat(seen.cleanedNow()).isNotNull();
      JsonObject held = http.get("/work-items/" + id).bodyAsJsonObject();
      assertThat(held.getJsonObject("enrichment").getString("state")).isEqualTo("pending");
      assertThat(held.getValue("embedding_3d")).isNull();

      HoldingStage.release();
      TestApp.eventually(DEADLINE, () -> "indexed".equals(state(http, id)));
      JsonObject done = http.get("/work-items/" + id).bodyAsJsonObject();
      assertThat(done.getString("description_model")).isEqualTo(RulesCleaner.MODEL);
      assertThat(done.getString("embedding_model")).isEqualTo("all-minilm-l6-v2-q");
      assertThat(done.getValue("embedding_3d")).isNotNull();
    }
  }

  @Test
  void anUnknownStageNameIsRefusedWithTheRegisteredOnes() {
    assertThatThrownBy(() -> EnrichmentStages.load(List.of("clean", "extract-entities"), getClass().getClassLoader()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("enrichment.stages")
        .hasMessageContaining("'extract-entities'")
        .hasMessageContaining("clean, embed, index");
  }

  @Test
  void theDefaultListIsCleanEmbedIndex() {
    List<EnrichmentStage> stages = EnrichmentStages.load(EnrichmentStages.DEFAULT, getClass().getClassLoader());
    assertThat(stages).extracting(EnrichmentStage::name).containsExactly("clean", "embed", "index");
    assertThat(stages).extracting(EnrichmentStage::takes)
        .containsExactly(EnrichmentState.PENDING, EnrichmentState.CLEANED, EnrichmentState.EMBEDDED);
    assertThat(stages).extracting(EnrichmentStage::leaves)
        .containsExactly(EnrichmentState.CLEANED, EnrichmentState.EMBEDDED, EnrichmentState.INDEXED);
  }
}
