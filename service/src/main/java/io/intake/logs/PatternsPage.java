package io.intake.logs;

import static io.intake.persistence.api.WireFields.requiredDouble;
import static io.intake.persistence.api.WireFields.requiredInt;
import static io.intake.persistence.api.WireFields.requiredLong;
import static io.intake.persistence.api.WireFields.requiredObjects;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer of {@code intake.patterns.list}: the most frequent patterns, how many matched in all,
 * the history interval their series are in, and the miner's counters.
 */
public record PatternsPage(List<MinedPattern> patterns, int total, double historyIntervalSeconds, long linesMined,
    long workItemSaves, long saveFailures, long patternSaves, long patternSaveFailures) {

  public PatternsPage {
    patterns = List.copyOf(patterns);
  }

  public JsonObject toJson() {
    JsonArray rows = new JsonArray(new ArrayList<>(patterns.size()));
    patterns.forEach(p -> rows.add(p.toJson()));
    return withPatterns(rows);
  }

  /** This page's JSON with the patterns as the caller shaped them (the console adds each one's work item). */
  public JsonObject withPatterns(JsonArray rows) {
    return new JsonObject()
        .put("patterns", rows)
        .put("total", total)
        .put("history_interval_seconds", historyIntervalSeconds)
        .put("lines_mined", linesMined)
        .put("work_item_saves", workItemSaves)
        .put("save_failures", saveFailures)
        .put("pattern_saves", patternSaves)
        .put("pattern_save_failures", patternSaveFailures);
  }

  public static PatternsPage fromJson(JsonObject json) {
    List<MinedPattern> patterns = new ArrayList<>();
    for (JsonObject p : requiredObjects(json, "patterns")) {
      patterns.add(MinedPattern.fromJson(p));
    }
    return new PatternsPage(patterns, requiredInt(json, "total"), requiredDouble(json, "history_interval_seconds"),
        requiredLong(json, "lines_mined"), requiredLong(json, "work_item_saves"), requiredLong(json, "save_failures"),
        requiredLong(json, "pattern_saves"), requiredLong(json, "pattern_save_failures"));
  }
}
