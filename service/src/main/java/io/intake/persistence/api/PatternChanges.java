package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One flush of the pattern miner: patterns changed since the last one, and ids merged away; the
 * body of {@code intake.patterns.save}. Absent lists are empty.
 */
public record PatternChanges(List<StoredPattern> patterns, List<Removed> removed) {

  /** A pattern id of a service that no longer exists (merged into another). */
  public record Removed(String service, long patternId) {
  }

  /** The answer: patterns written and rows deleted. */
  public record Saved(int saved, int removed) {

    public JsonObject toJson() {
      return new JsonObject().put("saved", saved).put("removed", removed);
    }

    public static Saved fromJson(JsonObject json) {
      return new Saved((int) WireFields.requiredLong(json, "saved"), (int) WireFields.requiredLong(json, "removed"));
    }
  }

  public PatternChanges {
    patterns = List.copyOf(patterns);
    removed = List.copyOf(removed);
  }

  public boolean isEmpty() {
    return patterns.isEmpty() && removed.isEmpty();
  }

  public JsonObject toJson() {
    JsonArray gone = new JsonArray(new ArrayList<>(removed.size()));
    removed.forEach(r -> gone.add(new JsonObject().put("service", r.service()).put("pattern_id", r.patternId())));
    return StoredPattern.listToJson(patterns).put("removed", gone);
  }

  public static PatternChanges fromJson(JsonObject json) {
    List<Removed> removed = new ArrayList<>();
    Object given = json.getValue("removed");
    if (given instanceof JsonArray gone) {
      for (int i = 0; i < gone.size(); i++) {
        if (!(gone.getValue(i) instanceof JsonObject r)) {
          throw new IllegalArgumentException("removed[" + i + "] must be an object");
        }
        removed.add(new Removed(WireFields.requiredString(r, "service"), WireFields.requiredLong(r, "pattern_id")));
      }
    } else if (given != null) {
      throw new IllegalArgumentException("removed must be an array");
    }
    if (json.getValue("patterns") != null && !(json.getValue("patterns") instanceof JsonArray)) {
      throw new IllegalArgumentException("patterns must be an array");
    }
    return new PatternChanges(StoredPattern.listFromJson(json), removed);
  }
}
