package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.persistence.api.WorkItem;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The console's row for a created item: the fields the table and the map show, read from the typed item. */
class ConsoleEventsSummaryTest {

  private static JsonObject item() {
    return new JsonObject().put("id", "wi-1").put("type", "incident").put("service", "api-service")
        .put("severity", "sev1").put("description", "Disk full").put("created_at", "2026-11-29T03:00:00Z")
        .put("origin_system", "demo").put("status", "open").put("source", "demo").put("occurrence_count", 2)
        .put("last_seen_at", "2026-11-29T03:01:00Z").put("merged_into", null).put("raw_log", "secret text")
        .put("assignee_id", "h2").put("enrichment", new JsonObject().put("state", "pending").put("attempts", 0));
  }

  @Test
  void aCreatedItemShowsItsRowFieldsAndEnrichmentStateOnly() {
    JsonObject summary = ConsoleEvents.summary(WorkItem.fromJson(item()));

    assertThat(summary).isEqualTo(new JsonObject().put("id", "wi-1").put("type", "incident")
        .put("service", "api-service").put("severity", "sev1").put("description", "Disk full")
        .put("created_at", "2026-11-29T03:00:00Z").put("status", "open").put("source", "demo")
        .put("occurrence_count", 2).put("last_seen_at", "2026-11-29T03:01:00Z").put("origin_system", "demo")
        .put("merged_into", null).put("enrichment_state", "pending"));
  }

  @Test
  void aProjectedItemCarriesItsPointInTheShapeEnrichmentChangesUse() {
    JsonObject json = item().put("embedding_3d", new JsonObject().put("x", 0.5).put("y", -1.25).put("z", 2.0));

    JsonObject summary = ConsoleEvents.summary(WorkItem.fromJson(json));

    assertThat(summary.getJsonObject("embedding_3d").encode()).isEqualTo("{\"x\":0.5,\"y\":-1.25,\"z\":2.0}");
  }
}
