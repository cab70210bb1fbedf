package io.intake.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One work item's entry in a console {@code batch}: the item was created (its row) or changed (the
 * changed fields and the outcome types recorded). Entries of one item are merged until the next push;
 * JSON only when the batch is written.
 */
sealed interface ConsoleFeedEvent {

  String id();

  /** Outcome types recorded meanwhile, oldest first; empty when none. */
  List<String> outcomes();

  JsonObject toJson();

  /** @param item the console row, already patched with later changes */
  record Created(String id, JsonObject item, List<String> outcomes) implements ConsoleFeedEvent {

    public Created {
      outcomes = Collections.unmodifiableList(new ArrayList<>(outcomes));
    }

    @Override
    public JsonObject toJson() {
      return withOutcomes(new JsonObject().put("kind", "created").put("id", id).put("item", item), outcomes);
    }
  }

  /** @param changes the changed fields, latest value of each */
  record Updated(String id, JsonObject changes, List<String> outcomes) implements ConsoleFeedEvent {

    public Updated {
      outcomes = Collections.unmodifiableList(new ArrayList<>(outcomes));
    }

    @Override
    public JsonObject toJson() {
      return withOutcomes(new JsonObject().put("kind", "updated").put("id", id).put("changes", changes), outcomes);
    }
  }

  /**
   * Two entries of one item → one: a creation absorbs later changes; changes accumulate, latest wins;
   * a creation arriving after changes replaces them (its row is newer).
   */
  static ConsoleFeedEvent merge(ConsoleFeedEvent earlier, ConsoleFeedEvent later) {
    List<String> outcomes = new ArrayList<>(earlier.outcomes());
    outcomes.addAll(later.outcomes());
    if (earlier instanceof Created created) {
      JsonObject item = later instanceof Created newer ? newer.item().copy()
          : created.item().copy().mergeIn(((Updated) later).changes());
      return new Created(created.id(), item, outcomes);
    }
    if (later instanceof Created created) {
      return created;
    }
    return new Updated(earlier.id(), ((Updated) earlier).changes().copy().mergeIn(((Updated) later).changes()),
        outcomes);
  }

  private static JsonObject withOutcomes(JsonObject json, List<String> outcomes) {
    return outcomes.isEmpty() ? json : json.put("outcomes", new JsonArray(new ArrayList<>(outcomes)));
  }
}
