package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How two entries of one item become one before a push, and the JSON the page receives. */
class ConsoleFeedEventTest {

  private static ConsoleFeedEvent.Created created(String status) {
    return new ConsoleFeedEvent.Created("wi-1", new JsonObject().put("id", "wi-1").put("status", status)
        .put("occurrence_count", 1), List.of());
  }

  private static ConsoleFeedEvent.Updated updated(JsonObject changes, String... outcomes) {
    return new ConsoleFeedEvent.Updated("wi-1", changes, List.of(outcomes));
  }

  @Test
  void aCreationAbsorbsLaterChangesAndOutcomes() {
    ConsoleFeedEvent merged = ConsoleFeedEvent.merge(
        ConsoleFeedEvent.merge(created("open"), updated(new JsonObject().put("occurrence_count", 3))),
        updated(new JsonObject(), "reassigned"));

    assertThat(merged.toJson().encode()).isEqualTo("{\"kind\":\"created\",\"id\":\"wi-1\","
        + "\"item\":{\"id\":\"wi-1\",\"status\":\"open\",\"occurrence_count\":3},\"outcomes\":[\"reassigned\"]}");
  }

  @Test
  void changesAccumulateLatestWinsAndOutcomesKeepTheirOrder() {
    ConsoleFeedEvent merged = ConsoleFeedEvent.merge(
        updated(new JsonObject().put("status", "assigned").put("assignee_id", "h2"), "reassigned"),
        updated(new JsonObject().put("status", "escalated").put("escalated", true), "escalated"));

    assertThat(merged.toJson().encode()).isEqualTo("{\"kind\":\"updated\",\"id\":\"wi-1\",\"changes\":"
        + "{\"status\":\"escalated\",\"assignee_id\":\"h2\",\"escalated\":true},"
        + "\"outcomes\":[\"reassigned\",\"escalated\"]}");
  }

  @Test
  void aCreationAfterChangesReplacesThemAndMergingLeavesTheInputsAlone() {
    JsonObject changes = new JsonObject().put("status", "assigned");
    ConsoleFeedEvent.Updated earlier = updated(changes);
    ConsoleFeedEvent.Created first = created("open");

    assertThat(ConsoleFeedEvent.merge(earlier, created("open"))).isEqualTo(created("open"));
    ConsoleFeedEvent.merge(earlier, updated(new JsonObject().put("status", "resolved")));
    ConsoleFeedEvent.merge(first, updated(new JsonObject().put("status", "resolved")));
    assertThat(changes.encode()).isEqualTo("{\"status\":\"assigned\"}");
    assertThat(first.item().getString("status")).isEqualTo("open");
  }

  @Test
  void anEntryWithoutOutcomesHasNoOutcomesField() {
    assertThat(updated(new JsonObject().put("status", "open")).toJson().containsKey("outcomes")).isFalse();
  }
}
