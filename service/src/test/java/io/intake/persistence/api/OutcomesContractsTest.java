package io.intake.persistence.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.Addresses;
import io.intake.bus.Failure;
import io.intake.model.OutcomeType;
import io.intake.support.OwnerContracts;
import io.intake.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outcomes owner's records: each survives the wire (JSON text between members) with today's
 * field names, and a body the owner cannot decode is answered INVALID, not left to time out.
 */
class OutcomesContractsTest extends OwnerContracts {

  @Test
  void an_outcome_command_keeps_the_api_body_under_outcome() {
    OutcomeCommand sent = new OutcomeCommand("wi_1", OutcomeType.REASSIGNED, "human_1", "dec_1", "human_2",
        "2026-01-01T00:00:00Z", "handed over", "evt-1");
    assertThat(sent.toJson()).isEqualTo(new JsonObject().put("work_item_id", "wi_1").put("outcome", new JsonObject()
        .put("type", "reassigned").put("actor_id", "human_1").put("decision_id", "dec_1")
        .put("new_assignee_id", "human_2").put("timestamp", "2026-01-01T00:00:00Z").put("notes", "handed over")
        .put("event_id", "evt-1")));
    assertThat(OutcomeCommand.fromJson(wire(sent.toJson()))).isEqualTo(sent);

    OutcomeCommand minimal = new OutcomeCommand("wi_1", OutcomeType.RESOLVED, "human_1", null, null, null, null, null);
    assertThat(minimal.toJson().getJsonObject("outcome").fieldNames()).containsExactlyInAnyOrder("type", "actor_id");
    assertThat(OutcomeCommand.fromJson(wire(minimal.toJson()))).isEqualTo(minimal);
  }

  @Test
  void an_outcome_command_names_what_is_wrong() {
    assertThat(decodeError(() -> OutcomeCommand.fromJson(new JsonObject().put("outcome", new JsonObject()))))
        .contains("work_item_id");
    assertThat(decodeError(() -> OutcomeCommand.of("wi_1", new JsonObject().put("type", "resolved"))))
        .contains("actor_id");
    assertThat(decodeError(() -> OutcomeCommand.of("wi_1", new JsonObject().put("type", "closed").put("actor_id", "a"))))
        .contains("closed");
  }

  @Test
  void find_prior_requests_and_their_answer_survive_the_wire() {
    FindPriorRequest byEvent = FindPriorRequest.byEventId("pd-1");
    assertThat(byEvent.toJson()).isEqualTo(new JsonObject().put("event_id", "pd-1"));
    assertThat(FindPriorRequest.fromJson(wire(byEvent.toJson()))).isEqualTo(byEvent);
    FindPriorRequest byKeys = FindPriorRequest.resolutionOfLatest("jira", List.of("OPS-1", "OPS-2"));
    assertThat(byKeys.toJson()).isEqualTo(new JsonObject().put("source", "jira").put("keys", new JsonArray().add("OPS-1").add("OPS-2")));
    assertThat(FindPriorRequest.fromJson(wire(byKeys.toJson()))).isEqualTo(byKeys);

    PriorOutcome prior = new PriorOutcome("oc_1", "pd-1", "resolved", "wi_1", "resolved");
    assertThat(prior.toJson().fieldNames()).containsExactlyInAnyOrder("outcome_id", "event_id", "type", "work_item_id", "status");
    assertThat(PriorOutcome.fromJson(wire(prior.toJson()))).isEqualTo(prior);
  }

  @Test
  void outbox_requests_apply_todays_defaults_in_one_place() {
    assertThat(ClaimRequest.fromJson(new JsonObject())).isEqualTo(new ClaimRequest(50, 30, null));
    assertThat(OutboxListQuery.fromJson(new JsonObject())).isEqualTo(new OutboxListQuery("dead", 50));
    ClaimRequest claim = new ClaimRequest(10, 60, "node-a/run-1");
    assertThat(claim.toJson()).isEqualTo(new JsonObject().put("limit", 10).put("lease_seconds", 60).put("owner", "node-a/run-1"));
    assertThat(ClaimRequest.fromJson(wire(claim.toJson()))).isEqualTo(claim);
    ReclaimRequest reclaim = new ReclaimRequest("node-a", "node-a/run-2");
    assertThat(reclaim.toJson()).isEqualTo(new JsonObject().put("node_id", "node-a").put("owner", "node-a/run-2"));
    assertThat(ReclaimRequest.fromJson(wire(reclaim.toJson()))).isEqualTo(reclaim);
    ReplayRequest replay = new ReplayRequest(5_000_000_000L);
    assertThat(ReplayRequest.fromJson(wire(replay.toJson()))).isEqualTo(replay);
    OutboxListQuery list = new OutboxListQuery("pending", 7);
    assertThat(list.toJson()).isEqualTo(new JsonObject().put("status", "pending").put("limit", 7));
    assertThat(OutboxListQuery.fromJson(wire(list.toJson()))).isEqualTo(list);
    assertThat(new ItemOutcomesQuery("wi_1").toJson()).isEqualTo(new JsonObject().put("id", "wi_1"));
    assertThat(ItemOutcomesQuery.fromJson(wire(new ItemOutcomesQuery("wi_1").toJson()))).isEqualTo(new ItemOutcomesQuery("wi_1"));
  }

  @Test
  void outbox_replies_survive_the_wire() {
    Claimed claimed = new Claimed(List.of(new OutboxEntry(1L, "evt-1", "wi_1", new JsonObject().put("type", "resolved"), 1)));
    assertThat(Claimed.fromJson(wire(claimed.toJson()))).isEqualTo(claimed);
    assertThat(new Reclaimed(3).toJson()).isEqualTo(new JsonObject().put("released", 3));
    assertThat(Reclaimed.fromJson(wire(new Reclaimed(3).toJson()))).isEqualTo(new Reclaimed(3));
    Settled settled = new Settled(2, 1, 0);
    assertThat(settled.toJson()).isEqualTo(new JsonObject().put("delivered", 2).put("retry", 1).put("dead", 0));
    assertThat(Settled.fromJson(wire(settled.toJson()))).isEqualTo(settled);
    ReplayedEntry replayed = new ReplayedEntry(4L, "pending");
    assertThat(replayed.toJson()).isEqualTo(new JsonObject().put("id", 4L).put("status", "pending"));
    assertThat(ReplayedEntry.fromJson(wire(replayed.toJson()))).isEqualTo(replayed);
    OutboxListing listing = new OutboxListing(List.of(new OutboxListing.Entry(4L, "oc_1", "evt-1", "wi_1", "dead", 3,
        "2026-01-01T00:00:00Z", "HTTP 400", "2026-01-01T00:00:00Z", null, new JsonObject().put("type", "resolved"))));
    JsonObject entry = listing.toJson().getJsonArray("entries").getJsonObject(0);
    assertThat(entry.fieldNames()).containsExactlyInAnyOrder("id", "outcome_id", "event_id", "work_item_id", "status",
        "attempts", "next_attempt_at", "last_error", "created_at", "delivered_at", "payload");
    assertThat(entry.containsKey("delivered_at")).as("not delivered yet is said, not left out").isTrue();
    assertThat(OutboxListing.fromJson(wire(listing.toJson()))).isEqualTo(listing);
    OutboxStats stats = new OutboxStats(1, 2, 3, 4.5);
    assertThat(stats.toJson()).isEqualTo(new JsonObject().put("pending", 1L).put("dead", 2L).put("delivered", 3L)
        .put("oldest_pending_age_seconds", 4.5));
    assertThat(OutboxStats.fromJson(wire(stats.toJson()))).isEqualTo(stats);
  }

  @Test
  void the_owner_answers_an_undecodable_body_with_invalid() {
    assertInvalid(Addresses.OUTCOME_RECORD, new JsonObject().put("work_item_id", "wi_1"), "outcome");
    assertInvalid(Addresses.OUTCOME_RECORD, new JsonObject().put("work_item_id", "wi_1")
        .put("outcome", new JsonObject().put("type", "resolved").put("actor_id", 7)), "actor_id");
    assertInvalid(Addresses.OUTCOME_FIND_PRIOR, new JsonObject().put("source", "jira"), "keys");
    assertInvalid(Addresses.CONSOLE_OUTCOMES, new JsonObject(), "id");
    assertInvalid(Addresses.OUTBOX_CLAIM, new JsonObject().put("limit", "ten"), "limit");
    assertInvalid(Addresses.OUTBOX_RECLAIM, new JsonObject().put("owner", "node-a/run-1"), "node_id");
    assertInvalid(Addresses.OUTBOX_REPLAY, new JsonObject().put("id", "4"), "id");
    assertInvalid(Addresses.OUTBOX_LIST, new JsonObject().put("status", 1), "status");
  }

  @Test
  void the_client_reads_the_owners_answers() {
    OutcomesClient client = new OutcomesClient(vertx);
    OutboxStats stats = TestApp.await(client.stats());
    assertThat(stats.pending()).isGreaterThanOrEqualTo(0);
    assertThat(TestApp.await(client.list("dead", 5)).entries()).isEmpty();
    assertThat(TestApp.await(client.claim(5, 30, "contract/run-1"))).isEmpty();
    assertThat(failureCode(client.findPrior(FindPriorRequest.byEventId("never-sent")))).isEqualTo(Failure.NOT_FOUND.code());
    assertThat(failureCode(client.replay(123_456L))).isEqualTo(Failure.NOT_FOUND.code());
    assertThat(failureCode(client.record(new OutcomeCommand("wi_unknown", OutcomeType.RESOLVED, "human_1",
        null, null, null, null, null)))).isEqualTo(Failure.NOT_FOUND.code());
  }

  private static String decodeError(Runnable decode) {
    try {
      decode.run();
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("decoded without complaint");
  }
}
