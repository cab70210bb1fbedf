package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Split decisions, oldest first, as labelled negative pairs ({@code intake.workitems.splits}).
 *
 * @param nextAfter the id to ask after for the next page (the request's {@code after} when empty)
 */
public record SplitsPage(List<Split> splits, long nextAfter) {

  public SplitsPage {
    splits = List.copyOf(splits);
  }

  /**
   * One undone merge: the pair, the merge's score/model/threshold (null for a merge without a
   * record), both texts, and who decided it and why. Its label is always 0: not the same problem.
   */
  public record Split(long id, String workItemId, String targetId, String service, String kind, Float score,
      String model, Float threshold, String itemText, String targetText, String actorId, String reason,
      String mergedAt, String splitAt) {

    static Split fromJson(JsonObject json) {
      return new Split(WireFields.requiredLong(json, "id"), WireFields.requiredString(json, "work_item_id"),
          WireFields.requiredString(json, "target_id"), json.getString("service"), json.getString("kind"),
          json.getFloat("score"), json.getString("model"), json.getFloat("threshold"), json.getString("item_text"),
          json.getString("target_text"), json.getString("actor_id"), json.getString("reason"),
          json.getString("merged_at"), json.getString("split_at"));
    }

    JsonObject toJson() {
      return new JsonObject()
          .put("id", id)
          .put("work_item_id", workItemId)
          .put("target_id", targetId)
          .put("service", service)
          .put("kind", kind)
          .put("score", score)
          .put("model", model)
          .put("threshold", threshold)
          .put("item_text", itemText)
          .put("target_text", targetText)
          .put("label", 0)
          .put("actor_id", actorId)
          .put("reason", reason)
          .put("merged_at", mergedAt)
          .put("split_at", splitAt);
    }
  }

  public static SplitsPage fromJson(JsonObject json) {
    return new SplitsPage(WireFields.requiredObjects(json, "splits").stream().map(Split::fromJson).toList(),
        WireFields.requiredLong(json, "next_after"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("splits", new JsonArray(splits.stream().map(Split::toJson).toList()))
        .put("next_after", nextAfter);
  }
}
