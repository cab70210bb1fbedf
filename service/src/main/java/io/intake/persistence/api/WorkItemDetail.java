package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The full item as {@code GET /work-items/{id}} shows it: the item's fields, the merge in force
 * (null when none), the items related to it by text (best first), and how its repeats are recognised.
 */
public record WorkItemDetail(WorkItem item, MergeInForce merge, List<RelatedItem> related, IdentityRule identity) {

  public WorkItemDetail {
    related = List.copyOf(related);
  }

  public static WorkItemDetail fromJson(JsonObject json) {
    return new WorkItemDetail(WorkItem.fromJson(json), MergeInForce.fromJson(WireFields.optionalObject(json, "merge")),
        WireFields.requiredObjects(json, "related").stream().map(RelatedItem::fromJson).toList(),
        IdentityRule.fromJson(WireFields.requiredObject(json, "identity")));
  }

  /** The item's own fields, then {@code merge}, {@code related} and {@code identity}. */
  public JsonObject toJson() {
    JsonArray relatedJson = new JsonArray();
    related.forEach(r -> relatedJson.add(r.toJson()));
    return item.toJson()
        .put("merge", merge == null ? null : merge.toJson())
        .put("related", relatedJson)
        .put("identity", identity.toJson());
  }
}
