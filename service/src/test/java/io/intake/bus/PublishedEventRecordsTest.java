package io.intake.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.WorkItemUpdated.Changes;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each published event record maps to and from exactly the JSON text published before the records
 * (same names, same nulls, same field order), so consumers in other members and the console's script
 * see no difference.
 */
class PublishedEventRecordsTest {

  private static final String HEADER_UPDATED =
      "{\"event_version\":1,\"event\":\"workitem.updated\",\"occurred_at\":\"2026-11-29T03:00:00Z\",";
  private static final EventHeader UPDATED = new EventHeader(1, "workitem.updated", "2026-11-29T03:00:00Z");

  static Stream<Arguments> updates() {
    return Stream.of(
        Arguments.of("occurrence", Changes.occurrence(3, "2026-11-29T02:59:00Z"),
            "{\"occurrence_count\":3,\"last_seen_at\":\"2026-11-29T02:59:00Z\"}"),
        Arguments.of("outcome", Changes.outcome("assigned", "h2", null),
            "{\"status\":\"assigned\",\"assignee_id\":\"h2\"}"),
        Arguments.of("outcome", Changes.outcome("escalated", null, true),
            "{\"status\":\"escalated\",\"escalated\":true}"),
        Arguments.of("outcome", Changes.outcome("resolved", null, null), "{\"status\":\"resolved\"}"),
        Arguments.of("released", Changes.released("open", "wi-target"),
            "{\"merged_into\":null,\"status\":\"open\",\"released_from\":\"wi-target\"}"),
        Arguments.of("split", Changes.splitMember("open", "wi-target"),
            "{\"merged_into\":null,\"status\":\"open\",\"split_from\":\"wi-target\"}"),
        Arguments.of("split", Changes.splitTarget(4, "wi-member"),
            "{\"occurrence_count\":4,\"split_member\":\"wi-member\"}"),
        Arguments.of("acknowledged", Changes.acknowledged("2026-11-29T02:58:00Z", "ops-1"),
            "{\"acknowledged_at\":\"2026-11-29T02:58:00Z\",\"acknowledged_by\":\"ops-1\"}"),
        Arguments.of("enrichment", Changes.enriched("Disk full on db-1", new Changes.Point(0.5f, -1.25f, 2f)),
            "{\"enrichment_state\":\"indexed\",\"description\":\"Disk full on db-1\","
                + "\"embedding_3d\":{\"x\":0.5,\"y\":-1.25,\"z\":2.0}}"),
        Arguments.of("merged", Changes.merged(new Changes.Merge("semantic", "wi-target", 0.93, "mini-lm", 0.9)),
            "{\"merged_into\":\"wi-target\",\"merge\":{\"kind\":\"semantic\",\"into\":\"wi-target\","
                + "\"score\":0.93,\"model\":\"mini-lm\",\"threshold\":0.9}}"),
        Arguments.of("related", Changes.related(new Changes.Related("wi-other", 0.81)),
            "{\"related\":{\"id\":\"wi-other\",\"score\":0.81}}"));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("updates")
  void workItemUpdatedKeepsTodaysShapePerCause(String cause, Changes changes, String changesJson) {
    String text = HEADER_UPDATED + "\"work_item_id\":\"wi-1\",\"cause\":\"" + cause + "\",\"changes\":" + changesJson
        + "}";

    assertThat(new WorkItemUpdated(UPDATED, "wi-1", cause, changes).toJson().encode()).isEqualTo(text);
    WorkItemUpdated decoded = WorkItemUpdated.fromJson(new JsonObject(text));
    assertThat(decoded).isEqualTo(new WorkItemUpdated(UPDATED, "wi-1", cause, changes));
    assertThat(decoded.toJson().encode()).isEqualTo(text);
  }

  @Test
  void aClearedMergeIsAnExplicitNullAndAnUntouchedOneIsAbsent() {
    Changes released = WorkItemUpdated.fromJson(new JsonObject(HEADER_UPDATED
        + "\"work_item_id\":\"wi-1\",\"cause\":\"released\",\"changes\":{\"merged_into\":null,\"status\":\"open\"}}"))
        .changes();
    Changes occurrence = Changes.fromJson(new JsonObject().put("occurrence_count", 2));

    assertThat(released.mergedInto()).isEqualTo(Optional.empty());
    assertThat(released.toJson().containsKey("merged_into")).isTrue();
    assertThat(occurrence.mergedInto()).isNull();
    assertThat(occurrence.toJson().containsKey("merged_into")).isFalse();
  }

  @Test
  void anUpdateWithoutChangesDecodesToNoneAndUnknownFieldsAreIgnored() {
    WorkItemUpdated bare = WorkItemUpdated.fromJson(new JsonObject(HEADER_UPDATED
        + "\"work_item_id\":\"wi-1\",\"cause\":\"later\"}"));
    Changes unknown = Changes.fromJson(new JsonObject().put("status", "open").put("priority_score", 7));

    assertThat(bare.changes()).isEqualTo(Changes.NONE);
    assertThat(bare.changes().toJson().isEmpty()).isTrue();
    assertThat(unknown.toJson().encode()).isEqualTo("{\"status\":\"open\"}");
  }

  @Test
  void workItemCreatedCarriesTheItemAsItIs() {
    String text = "{\"event_version\":1,\"event\":\"workitem.created\",\"occurred_at\":\"2026-11-29T03:00:00Z\","
        + "\"work_item\":{\"id\":\"wi-1\",\"service\":\"api-service\",\"severity\":\"sev1\",\"status\":\"open\","
        + "\"occurrence_count\":1,\"merged_into\":null,\"enrichment\":{\"state\":\"pending\",\"error\":null,"
        + "\"attempts\":0}}}";

    WorkItemCreated decoded = WorkItemCreated.fromJson(new JsonObject(text));

    assertThat(decoded.header()).isEqualTo(new EventHeader(1, "workitem.created", "2026-11-29T03:00:00Z"));
    assertThat(decoded.workItemId()).isEqualTo("wi-1");
    assertThat(decoded.toJson().encode()).isEqualTo(text);
  }

  @Test
  void outcomeRecordedKeepsEveryLearnerFieldEvenWhenNull() {
    String text = "{\"event_version\":1,\"event\":\"outcome.recorded\",\"occurred_at\":\"2026-11-29T03:00:00Z\","
        + "\"outcome\":{\"event_id\":\"ev-1\",\"decision_id\":null,\"work_item_id\":\"wi-1\",\"type\":\"reassigned\","
        + "\"actor_id\":\"h1\",\"service\":\"api-service\",\"timestamp\":\"2026-11-29T02:59:59Z\","
        + "\"new_assignee_id\":\"h2\",\"outcome_id\":\"out-1\",\"notes\":null}}";
    OutcomeRecorded expected = new OutcomeRecorded(new EventHeader(1, "outcome.recorded", "2026-11-29T03:00:00Z"),
        new OutcomeRecorded.Outcome("ev-1", null, "wi-1", "reassigned", "h1", "api-service", "2026-11-29T02:59:59Z",
            "h2", "out-1", null));

    assertThat(OutcomeRecorded.fromJson(new JsonObject(text))).isEqualTo(expected);
    assertThat(expected.toJson().encode()).isEqualTo(text);
  }

  @Test
  void aFreshHeaderNamesItsAddressAndTheCurrentVersion() {
    EventHeader header = EventHeader.now(Addresses.OUTCOME_RECORDED);

    assertThat(header.version()).isEqualTo(Events.VERSION);
    assertThat(header.event()).isEqualTo("outcome.recorded");
    assertThat(header.occurredAt()).isNotBlank();
  }
}
