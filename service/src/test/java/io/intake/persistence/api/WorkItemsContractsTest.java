package io.intake.persistence.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.Addresses;
import io.intake.bus.Failure;
import io.intake.model.WorkItemDraft;
import io.intake.support.OwnerContracts;
import io.intake.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The work-items owner's records: each survives the wire (JSON text between members) with today's
 * field names, and a body the owner cannot decode is answered INVALID, not left to time out.
 */
class WorkItemsContractsTest extends OwnerContracts {

  private static WorkItemDraft draft(String fingerprint) {
    return WorkItemDraft.fromJson(new JsonObject()
        .put("source", "alertmanager").put("type", "alert").put("service", "contracts").put("severity", "sev3")
        .put("description", "queue backlog").put("fingerprint", fingerprint).put("dedup_while_open", true));
  }

  @Test
  void requests_apply_todays_defaults_in_one_place() {
    assertThat(WorkItemRequest.fromJson(new JsonObject().put("id", "wi_1"))).isEqualTo(new WorkItemRequest("wi_1", 20));
    assertThat(SplitsQuery.fromJson(new JsonObject())).isEqualTo(new SplitsQuery(0, 100));
    assertThat(WorkItemQuery.fromJson(new JsonObject()))
        .isEqualTo(new WorkItemQuery(null, null, null, null, null, null, 50, 0));
    assertThat(ConsoleQuery.listFromJson(new JsonObject()).limit()).isEqualTo(50);
    assertThat(ConsoleQuery.mapFromJson(new JsonObject()).limit()).isEqualTo(20_000);
    SaveWorkItemRequest once = SaveWorkItemRequest.fromJson(draft("fp:contracts:1").toJson());
    assertThat(once.occurrences()).isEqualTo(1);
    assertThat(once.toJson().containsKey("occurrences")).as("one occurrence is not spelled out").isFalse();
  }

  @Test
  void the_detail_and_merges_views_keep_todays_shape() {
    IdentityRule hashed = IdentityRule.of("demo", null, "fp:h", null);
    assertThat(hashed.toJson()).isEqualTo(new JsonObject().put("kind", "identity").put("fingerprint", "fp:h")
        .put("native", false).put("fields", new JsonArray().add("source").add("service").add("severity")
            .add("description").add("raw_log")).put("window", "sources.demo.dedup_window_seconds"));
    IdentityRule nativeKey = IdentityRule.of("alertmanager", "abc", "fp:n", new JsonObject().put("occurrence_key", "t0"));
    assertThat(nativeKey.toJson()).isEqualTo(new JsonObject().put("kind", "identity").put("fingerprint", "fp:n")
        .put("native", true).put("fields", new JsonArray().add("source").add("fingerprint")).put("source_key", "abc")
        .put("window", "while_open").put("occurrence_key_field", "occurrence_key"));
    assertThat(IdentityRule.fromJson(wire(nativeKey.toJson()))).isEqualTo(nativeKey);
    assertThat(IdentityRule.fromJson(wire(hashed.toJson()))).isEqualTo(hashed);

    MergeInForce merge = new MergeInForce("semantic", "wi_2", 0.93f, "all-MiniLM-L6-v2", 0.9f, "2026-01-01T00:00:00Z");
    assertThat(merge.toJson().encode()).contains("\"score\":0.93", "\"threshold\":0.9");
    assertThat(MergeInForce.fromJson(wire(merge.toJson()))).isEqualTo(merge);
    RelatedItem related = new RelatedItem("wi_3", 0.81f, "m", 0.8f, "2026-01-01T00:00:00Z", "new", "demo", "d");
    assertThat(RelatedItem.fromJson(wire(related.toJson()))).isEqualTo(related);
    FoldedMember member = new FoldedMember("wi_4", "semantic", 0.95f, "m", 0.9f, "t0", "split", "t1", "human_1", "new",
        "demo", "d");
    MergesView view = new MergesView("wi_2", nativeKey, 3, "t0", "t-1", "t1", List.of(member));
    assertThat(view.toJson().getJsonObject("identity").getInteger("occurrences")).isEqualTo(3);
    assertThat(MergesView.fromJson(wire(view.toJson()))).isEqualTo(view);
  }

  @Test
  void requests_survive_the_wire_with_todays_field_names() {
    SaveWorkItemRequest save = new SaveWorkItemRequest(draft("fp:contracts:2"), 4);
    assertThat(save.toJson().getInteger("occurrences")).isEqualTo(4);
    assertThat(SaveWorkItemRequest.fromJson(wire(save.toJson()))).isEqualTo(save);

    WorkItemRequest get = new WorkItemRequest("wi_1", 5);
    assertThat(get.toJson()).isEqualTo(new JsonObject().put("id", "wi_1").put("related_limit", 5));
    assertThat(WorkItemRequest.fromJson(wire(get.toJson()))).isEqualTo(get);

    WorkItemQuery list = new WorkItemQuery("checkout", "sev2", "new", "wi_9", true, "wi_8", 10, 20);
    assertThat(list.toJson()).isEqualTo(new JsonObject().put("limit", 10).put("offset", 20).put("service", "checkout")
        .put("severity", "sev2").put("status", "new").put("merged_into", "wi_9").put("merged", true)
        .put("related_to", "wi_8"));
    assertThat(WorkItemQuery.fromJson(wire(list.toJson()))).isEqualTo(list);
    WorkItemQuery unfiltered = new WorkItemQuery(null, null, null, null, null, null, 50, 0);
    assertThat(unfiltered.toJson().fieldNames()).containsExactlyInAnyOrder("limit", "offset");

    WorkItemIds ids = new WorkItemIds(List.of("wi_1", "wi_2"));
    assertThat(ids.toJson()).isEqualTo(new JsonObject().put("ids", new JsonArray().add("wi_1").add("wi_2")));
    assertThat(WorkItemIds.fromJson(wire(ids.toJson()))).isEqualTo(ids);
    assertThat(MergesQuery.fromJson(wire(new MergesQuery("wi_1").toJson()))).isEqualTo(new MergesQuery("wi_1"));

    SplitRequest split = new SplitRequest("wi_1", "human_1", "different root cause");
    assertThat(split.toJson()).isEqualTo(new JsonObject().put("id", "wi_1").put("actor_id", "human_1")
        .put("reason", "different root cause"));
    assertThat(SplitRequest.fromJson(wire(split.toJson()))).isEqualTo(split);
    SplitsQuery splits = new SplitsQuery(5_000_000_000L, 7);
    assertThat(splits.toJson()).isEqualTo(new JsonObject().put("after", 5_000_000_000L).put("limit", 7));
    assertThat(SplitsQuery.fromJson(wire(splits.toJson()))).isEqualTo(splits);

    FingerprintsQuery fingerprints = new FingerprintsQuery(List.of("fp:a", "fp:b"));
    assertThat(fingerprints.toJson())
        .isEqualTo(new JsonObject().put("fingerprints", new JsonArray().add("fp:a").add("fp:b")));
    assertThat(FingerprintsQuery.fromJson(wire(fingerprints.toJson()))).isEqualTo(fingerprints);
    AcknowledgeRequest ack = new AcknowledgeRequest(List.of("fp:a"), "oncall", "2026-01-01T00:00:00Z");
    assertThat(ack.toJson()).isEqualTo(new JsonObject().put("fingerprints", new JsonArray().add("fp:a"))
        .put("acknowledged_by", "oncall").put("acknowledged_at", "2026-01-01T00:00:00Z"));
    assertThat(AcknowledgeRequest.fromJson(wire(ack.toJson()))).isEqualTo(ack);

    ConsoleQuery console = new ConsoleQuery("checkout", "sev1", "new", "jira", "disk", "severity", "asc", 25, 50);
    assertThat(console.toJson()).isEqualTo(new JsonObject().put("limit", 25).put("offset", 50).put("service", "checkout")
        .put("severity", "sev1").put("status", "new").put("source", "jira").put("q", "disk").put("sort", "severity")
        .put("order", "asc"));
    assertThat(ConsoleQuery.listFromJson(wire(console.toJson()))).isEqualTo(console);
  }

  @Test
  void replies_survive_the_wire_with_todays_field_names() {
    WorkItem item = new WorkItem("wi_1", "alert", "checkout", "sev2", "disk full", "2026-01-01T00:00:00Z", "prometheus",
        "new", "alertmanager", 3, "2026-01-01T00:05:00Z", null, "raw", "human_1", "OPS-1", 5, "high", "human_2", false,
        "fp:1", "2026-01-01T00:05:00Z", "web-1", new JsonObject().put("alertname", "DiskFull"), null, null, "source",
        null, "k1", "minilm", 384, new WorkItem.Enrichment("done", null, 1), new WorkItem.Point(0.5f, -1.25f, 2f));
    assertThat(item.toJson().fieldNames()).containsExactly("id", "type", "service", "severity", "description",
        "created_at", "origin_system", "status", "source", "occurrence_count", "last_seen_at", "merged_into", "raw_log",
        "creator_id", "jira_issue_key", "story_points", "impact", "assignee_id", "escalated", "fingerprint", "updated_at",
        "source_key", "source_refs", "acknowledged_at", "acknowledged_by", "description_source", "description_model",
        "last_occurrence_key", "embedding_model", "embedding_dim", "enrichment", "embedding_3d");
    assertThat(item.toJson().getJsonObject("enrichment"))
        .isEqualTo(new JsonObject().put("state", "done").put("error", null).put("attempts", 1));
    assertThat(WorkItem.fromJson(wire(item.toJson()))).isEqualTo(item);
    WorkItem unprojected = new WorkItem("wi_2", "alert", "checkout", "sev2", null, null, null, "new", "demo", 1, null,
        null, null, null, null, null, null, null, null, "fp:2", null, null, null, null, null, null, null, null, null,
        null, new WorkItem.Enrichment("pending", null, 0), null);
    assertThat(unprojected.toJson().containsKey("embedding_3d")).as("no point until projected").isFalse();
    assertThat(WorkItem.fromJson(wire(unprojected.toJson()))).isEqualTo(unprojected);

    WorkItemSummary row = new WorkItemSummary("wi_1", "alert", "checkout", "sev2", "disk full", "2026-01-01T00:00:00Z",
        "prometheus", "new", "alertmanager", 3, "2026-01-01T00:05:00Z", null, "done", null);
    assertThat(row.toJson().fieldNames()).containsExactly("id", "type", "service", "severity", "description",
        "created_at", "origin_system", "status", "source", "occurrence_count", "last_seen_at", "merged_into",
        "enrichment_state");
    WorkItemSummary consoleRow = new WorkItemSummary("wi_2", "alert", "checkout", "sev2", null, null, null, "new",
        "demo", 1, null, "wi_1", "pending", 4L);
    assertThat(consoleRow.toJson().getLong("related_count")).isEqualTo(4L);
    WorkItemPage page = new WorkItemPage(List.of(row, consoleRow), 12, 2, 4);
    assertThat(page.toJson().fieldNames()).containsExactly("work_items", "total", "limit", "offset");
    assertThat(WorkItemPage.fromJson(wire(page.toJson()))).isEqualTo(page);

    SplitsPage splits = new SplitsPage(List.of(new SplitsPage.Split(7L, "wi_2", "wi_1", "checkout", "semantic", 0.91f,
        "minilm", 0.85f, "disk full on db-1", "disk full on db-2", "human_1", "different hosts",
        "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")), 7L);
    JsonObject split0 = splits.toJson().getJsonArray("splits").getJsonObject(0);
    assertThat(split0.fieldNames()).containsExactly("id", "work_item_id", "target_id", "service", "kind", "score",
        "model", "threshold", "item_text", "target_text", "label", "actor_id", "reason", "merged_at", "split_at");
    assertThat(split0.getInteger("label")).as("a person decided: not the same problem").isZero();
    assertThat(SplitsPage.fromJson(wire(splits.toJson()))).isEqualTo(splits);
    assertThat(new SplitsPage(List.of(), 3L).toJson())
        .isEqualTo(new JsonObject().put("splits", new JsonArray()).put("next_after", 3L));

    SavedWorkItem saved = new SavedWorkItem("wi_1", "2026-01-01T00:00:00Z", 2, true);
    assertThat(SavedWorkItem.fromJson(wire(saved.toJson()))).isEqualTo(saved);
    OpenWorkItem open = new OpenWorkItem("wi_1", "acknowledged");
    assertThat(open.toJson()).isEqualTo(new JsonObject().put("work_item_id", "wi_1").put("status", "acknowledged"));
    assertThat(OpenWorkItem.fromJson(wire(open.toJson()))).isEqualTo(open);
    Acknowledgement acked = new Acknowledgement("wi_1", "2026-01-01T00:00:00Z", "oncall");
    assertThat(acked.toJson()).isEqualTo(new JsonObject().put("work_item_id", "wi_1")
        .put("acknowledged_at", "2026-01-01T00:00:00Z").put("acknowledged_by", "oncall"));
    assertThat(Acknowledgement.fromJson(wire(acked.toJson()))).isEqualTo(acked);
    SplitResult split = new SplitResult("wi_2", "new", "wi_1", 4, 5_000_000_000L, "2026-01-01T00:00:00Z");
    assertThat(split.toJson().fieldNames()).containsExactlyInAnyOrder("work_item_id", "status", "split_from",
        "target_occurrence_count", "split_id", "split_at");
    assertThat(SplitResult.fromJson(wire(split.toJson()))).isEqualTo(split);
    assertThat(new DatabasePing(1.25).toJson()).isEqualTo(new JsonObject().put("latency_ms", 1.25));
    assertThat(DatabasePing.fromJson(wire(new DatabasePing(1.25).toJson()))).isEqualTo(new DatabasePing(1.25));
  }

  @Test
  void the_owner_answers_an_undecodable_body_with_invalid() {
    assertInvalid(Addresses.WORK_ITEM_SAVE, draft("fp:contracts:3").toJson().put("severity", "urgent"), "severity");
    assertInvalid(Addresses.WORK_ITEM_SAVE, draft("fp:contracts:3").toJson().put("fingerprint", null), "fingerprint");
    assertInvalid(Addresses.WORK_ITEM_SAVE, draft("fp:contracts:3").toJson().put("occurrences", "two"), "occurrences");
    assertInvalid(Addresses.WORK_ITEM_GET, new JsonObject(), "id");
    assertInvalid(Addresses.WORK_ITEM_GET, new JsonObject().put("id", "wi_1").put("related_limit", "all"),
        "related_limit");
    assertInvalid(Addresses.WORK_ITEM_LIST, new JsonObject().put("merged", "yes"), "merged");
    assertInvalid(Addresses.WORK_ITEM_GET_MANY, new JsonObject().put("ids", "wi_1"), "ids");
    assertInvalid(Addresses.WORK_ITEM_MERGES, new JsonObject().put("id", 7), "id");
    assertInvalid(Addresses.WORK_ITEM_SPLIT, new JsonObject().put("actor_id", "human_1"), "id");
    assertInvalid(Addresses.WORK_ITEM_SPLITS, new JsonObject().put("limit", "ten"), "limit");
    assertInvalid(Addresses.WORK_ITEM_FIND_OPEN, new JsonObject(), "fingerprints");
    assertInvalid(Addresses.WORK_ITEM_ACKNOWLEDGE, new JsonObject().put("fingerprints", new JsonArray().add("fp:a"))
        .put("acknowledged_at", "yesterday"), "acknowledged_at");
    assertInvalid(Addresses.CONSOLE_LIST, new JsonObject().put("q", 5), "q");
    assertInvalid(Addresses.CONSOLE_MAP, new JsonObject().put("limit", "many"), "limit");
    assertInvalid(Addresses.CONSOLE_ITEMS_BY_FINGERPRINT, new JsonObject().put("fingerprints", new JsonArray().add(1)),
        "fingerprints");
  }

  @Test
  void the_client_reads_the_owners_answers() {
    WorkItemsClient client = new WorkItemsClient(vertx);
    String fingerprint = "fp:contracts:" + UUID.randomUUID();
    SavedWorkItem first = TestApp.await(client.save(draft(fingerprint), 1));
    SavedWorkItem repeat = TestApp.await(client.save(draft(fingerprint), 2));
    assertThat(first.merged()).isFalse();
    assertThat(repeat.merged()).isTrue();
    assertThat(repeat.workItemId()).isEqualTo(first.workItemId());
    assertThat(repeat.occurrenceCount()).isEqualTo(3);

    OpenWorkItem open = TestApp.await(client.findOpen(List.of("fp:contracts:none", fingerprint)));
    assertThat(open.workItemId()).isEqualTo(first.workItemId());
    Acknowledgement acked = TestApp.await(client.acknowledge(
        new AcknowledgeRequest(List.of(fingerprint), "oncall", "2026-01-01T00:00:00Z")));
    assertThat(acked).isEqualTo(new Acknowledgement(first.workItemId(), "2026-01-01T00:00:00Z", "oncall"));
    WorkItemDetail detail = TestApp.await(client.get(first.workItemId()));
    assertThat(detail.item().occurrenceCount()).isEqualTo(3);
    assertThat(detail.merge()).isNull();
    assertThat(detail.identity().fingerprint()).isEqualTo(detail.item().fingerprint());
    assertThat(WorkItemDetail.fromJson(new JsonObject(detail.toJson().encode()))).isEqualTo(detail);
    MergesView merges = TestApp.await(client.merges(first.workItemId()));
    assertThat(merges.occurrences()).isEqualTo(3);
    assertThat(merges.merged()).isEmpty();
    assertThat(MergesView.fromJson(new JsonObject(merges.toJson().encode()))).isEqualTo(merges);
    assertThat(TestApp.await(client.getMany(List.of(first.workItemId(), "wi-unknown"))))
        .extracting(WorkItemSummary::id).containsExactly(first.workItemId());
    assertThat(TestApp.await(client.ping()).latencyMs()).isGreaterThanOrEqualTo(0);
    WorkItemPage listed = TestApp.await(client.list(new WorkItemQuery("contracts", null, null, null, null, null, 50, 0)));
    assertThat(listed.workItems()).extracting(WorkItemSummary::id).contains(first.workItemId());
    assertThat(listed.total()).isGreaterThanOrEqualTo(1);
    WorkItemPage console = TestApp.await(client.consoleList(ConsoleQuery.listFromJson(new JsonObject()
        .put("q", first.workItemId()))));
    assertThat(console.workItems()).singleElement().satisfies(found -> {
      assertThat(found.id()).isEqualTo(first.workItemId());
      assertThat(found.relatedCount()).isZero();
    });

    assertThat(failureCode(client.findOpen(List.of("fp:contracts:none")))).isEqualTo(Failure.NOT_FOUND.code());
    assertThat(failureCode(client.split(new SplitRequest(first.workItemId(), null, null))))
        .as("an item that is its own cannot be split").isEqualTo(Failure.CONFLICT.code());
    assertThat(failureCode(client.get("wi_unknown"))).isEqualTo(Failure.NOT_FOUND.code());
  }

}
