package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What was folded into an item ({@code GET /work-items/{id}/merges}): its identity rule with the
 * repeats counted under it, and every semantic merge into it with its state.
 */
public record MergesView(String workItemId, IdentityRule identity, int occurrences, String lastOccurrenceKey,
    String firstSeenAt, String lastSeenAt, List<FoldedMember> merged) {

  public MergesView {
    merged = List.copyOf(merged);
  }

  public static MergesView fromJson(JsonObject json) {
    JsonObject identity = WireFields.requiredObject(json, "identity");
    return new MergesView(WireFields.requiredString(json, "work_item_id"), IdentityRule.fromJson(identity),
        WireFields.optionalInt(identity, "occurrences", 1), identity.getString("last_occurrence_key"),
        identity.getString("first_seen_at"), identity.getString("last_seen_at"),
        WireFields.requiredObjects(json, "merged").stream().map(FoldedMember::fromJson).toList());
  }

  public JsonObject toJson() {
    JsonArray members = new JsonArray();
    merged.forEach(m -> members.add(m.toJson()));
    return new JsonObject().put("work_item_id", workItemId)
        .put("identity", identity.toJson()
            .put("occurrences", occurrences)
            .put("last_occurrence_key", lastOccurrenceKey)
            .put("first_seen_at", firstSeenAt)
            .put("last_seen_at", lastSeenAt))
        .put("merged", members);
  }
}
