package io.intake.bus;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * {@code workitem.updated}: fields of a stored work item changed.
 *
 * @param cause   why: {@code occurrence}, {@code outcome}, {@code released}, {@code split},
 *                {@code acknowledged}, {@code enrichment}, {@code merged} or {@code related}
 * @param changes the fields that changed, with their new values
 */
public record WorkItemUpdated(EventHeader header, String workItemId, String cause, Changes changes) {

  public static WorkItemUpdated fromJson(JsonObject json) {
    JsonObject changes = json.getJsonObject("changes");
    return new WorkItemUpdated(EventHeader.fromJson(json), json.getString("work_item_id"), json.getString("cause"),
        changes == null ? Changes.NONE : Changes.fromJson(changes));
  }

  public JsonObject toJson() {
    return header.toJson().put("work_item_id", workItemId).put("cause", cause).put("changes", changes.toJson());
  }

  /**
   * The changed fields; a null component did not change and is left out of the JSON. Each cause
   * sets its own few (see the factories).
   *
   * @param mergedInto null when untouched; empty when the item is its own again (split, released),
   *                   which the JSON says with an explicit {@code "merged_into": null}
   */
  public record Changes(Optional<String> mergedInto, String status, String assigneeId, Boolean escalated,
      String splitFrom, String releasedFrom, Integer occurrenceCount, String lastSeenAt, String splitMember,
      String acknowledgedAt, String acknowledgedBy, String enrichmentState, String description, Point embedding3d,
      Merge merge, Related related) {

    public static final Changes NONE = new Changes(null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null);

    /** Coordinates on the console map. */
    public record Point(float x, float y, float z) {

      static Point fromJson(JsonObject json) {
        return json == null ? null : new Point(json.getFloat("x", 0f), json.getFloat("y", 0f), json.getFloat("z", 0f));
      }

      JsonObject toJson() {
        return new JsonObject().put("x", x).put("y", y).put("z", z);
      }
    }

    /** Why an item was folded into another. */
    public record Merge(String kind, String into, double score, String model, double threshold) {

      static Merge fromJson(JsonObject json) {
        return json == null ? null : new Merge(json.getString("kind"), json.getString("into"),
            json.getDouble("score", 0d), json.getString("model"), json.getDouble("threshold", 0d));
      }

      JsonObject toJson() {
        return new JsonObject().put("kind", kind).put("into", into).put("score", score).put("model", model)
            .put("threshold", threshold);
      }
    }

    /** One more item found close to this one. */
    public record Related(String id, double score) {

      static Related fromJson(JsonObject json) {
        return json == null ? null : new Related(json.getString("id"), json.getDouble("score", 0d));
      }

      JsonObject toJson() {
        return new JsonObject().put("id", id).put("score", score);
      }
    }

    /** Cause {@code occurrence}: repeats were merged into the item. */
    public static Changes occurrence(int occurrenceCount, String lastSeenAt) {
      return new Changes(null, null, null, null, null, null, occurrenceCount, lastSeenAt, null, null, null, null,
          null, null, null, null);
    }

    /** Cause {@code outcome}: the new status, and the assignee or escalation the outcome brought. */
    public static Changes outcome(String status, String assigneeId, Boolean escalated) {
      return new Changes(null, status, assigneeId, escalated, null, null, null, null, null, null, null, null, null,
          null, null, null);
    }

    /** Cause {@code released}: the item it was merged into was resolved. */
    public static Changes released(String status, String releasedFrom) {
      return new Changes(Optional.empty(), status, null, null, null, releasedFrom, null, null, null, null, null, null,
          null, null, null, null);
    }

    /** Cause {@code split}, on the member taken out of a merge. */
    public static Changes splitMember(String status, String splitFrom) {
      return new Changes(Optional.empty(), status, null, null, splitFrom, null, null, null, null, null, null, null,
          null, null, null, null);
    }

    /** Cause {@code split}, on the item the member was taken out of. */
    public static Changes splitTarget(int occurrenceCount, String splitMember) {
      return new Changes(null, null, null, null, null, null, occurrenceCount, null, splitMember, null, null, null,
          null, null, null, null);
    }

    /** Cause {@code acknowledged}. */
    public static Changes acknowledged(String acknowledgedAt, String acknowledgedBy) {
      return new Changes(null, null, null, null, null, null, null, null, null, acknowledgedAt, acknowledgedBy, null,
          null, null, null, null);
    }

    /** Cause {@code enrichment}: the item was described, embedded and placed on the map. */
    public static Changes enriched(String description, Point embedding3d) {
      return new Changes(null, null, null, null, null, null, null, null, null, null, null, "indexed", description,
          embedding3d, null, null);
    }

    /** Cause {@code merged}: the item was folded into another. */
    public static Changes merged(Merge merge) {
      return new Changes(Optional.of(merge.into()), null, null, null, null, null, null, null, null, null, null, null,
          null, null, merge, null);
    }

    /** Cause {@code related}. */
    public static Changes related(Related related) {
      return new Changes(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          related);
    }

    /** Known fields only: one a later version adds is dropped here, as consumers ignore what they do not know. */
    public static Changes fromJson(JsonObject json) {
      Optional<String> mergedInto = json.containsKey("merged_into")
          ? Optional.ofNullable(json.getString("merged_into")) : null;
      return new Changes(mergedInto, json.getString("status"), json.getString("assignee_id"),
          json.getBoolean("escalated"), json.getString("split_from"), json.getString("released_from"),
          json.getInteger("occurrence_count"), json.getString("last_seen_at"), json.getString("split_member"),
          json.getString("acknowledged_at"), json.getString("acknowledged_by"), json.getString("enrichment_state"),
          json.getString("description"), Point.fromJson(json.getJsonObject("embedding_3d")),
          Merge.fromJson(json.getJsonObject("merge")), Related.fromJson(json.getJsonObject("related")));
    }

    /** Today's field order per cause; absent fields are left out, a cleared merge is an explicit null. */
    public JsonObject toJson() {
      JsonObject json = new JsonObject();
      if (mergedInto != null) {
        json.put("merged_into", mergedInto.orElse(null));
      }
      putIfSet(json, "status", status);
      putIfSet(json, "assignee_id", assigneeId);
      putIfSet(json, "escalated", escalated);
      putIfSet(json, "split_from", splitFrom);
      putIfSet(json, "released_from", releasedFrom);
      putIfSet(json, "occurrence_count", occurrenceCount);
      putIfSet(json, "last_seen_at", lastSeenAt);
      putIfSet(json, "split_member", splitMember);
      putIfSet(json, "acknowledged_at", acknowledgedAt);
      putIfSet(json, "acknowledged_by", acknowledgedBy);
      putIfSet(json, "enrichment_state", enrichmentState);
      putIfSet(json, "description", description);
      putIfSet(json, "embedding_3d", embedding3d == null ? null : embedding3d.toJson());
      putIfSet(json, "merge", merge == null ? null : merge.toJson());
      putIfSet(json, "related", related == null ? null : related.toJson());
      return json;
    }

    private static void putIfSet(JsonObject json, String field, Object value) {
      if (value != null) {
        json.put(field, value);
      }
    }
  }
}
