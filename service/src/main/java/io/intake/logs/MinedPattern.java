package io.intake.logs;

import static io.intake.persistence.api.WireFields.optionalInstant;
import static io.intake.persistence.api.WireFields.requiredArray;
import static io.intake.persistence.api.WireFields.requiredLong;
import static io.intake.persistence.api.WireFields.requiredObject;
import static io.intake.persistence.api.WireFields.requiredString;
import static io.intake.persistence.api.WireFields.requiredStrings;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pattern of a service as listed: its lines per level (lower case), a few examples, and its
 * history — lines per history interval, oldest first, the last entry being the interval still
 * filling.
 */
public record MinedPattern(String patternId, String service, String template, long count, Map<String, Long> levels,
    Instant firstSeen, Instant lastSeen, List<String> examples, List<Long> history) {

  public MinedPattern {
    levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    examples = List.copyOf(examples);
    history = List.copyOf(history);
  }

  /** Whether its lines raise a work item: some of them were error, critical or fatal. */
  public boolean raisesItems() {
    return levels.getOrDefault("error", 0L) + levels.getOrDefault("critical", 0L)
        + levels.getOrDefault("fatal", 0L) > 0;
  }

  public JsonObject toJson() {
    JsonObject byLevel = new JsonObject();
    levels.forEach(byLevel::put);
    return new JsonObject()
        .put("pattern_id", patternId)
        .put("service", service)
        .put("template", template)
        .put("count", count)
        .put("levels", byLevel)
        .put("first_seen", firstSeen == null ? null : firstSeen.toString())
        .put("last_seen", lastSeen == null ? null : lastSeen.toString())
        .put("examples", new JsonArray(new ArrayList<>(examples)))
        .put("history", new JsonArray(new ArrayList<>(history)));
  }

  public static MinedPattern fromJson(JsonObject json) {
    Map<String, Long> levels = new LinkedHashMap<>();
    JsonObject byLevel = requiredObject(json, "levels");
    for (String level : byLevel.fieldNames()) {
      levels.put(level, requiredLong(byLevel, level));
    }
    List<Long> history = new ArrayList<>();
    JsonArray series = requiredArray(json, "history");
    for (int i = 0; i < series.size(); i++) {
      if (!(series.getValue(i) instanceof Number n)) {
        throw new IllegalArgumentException("history must hold numbers");
      }
      history.add(n.longValue());
    }
    return new MinedPattern(requiredString(json, "pattern_id"), requiredString(json, "service"),
        requiredString(json, "template"), requiredLong(json, "count"), levels,
        optionalInstant(json, "first_seen"), optionalInstant(json, "last_seen"),
        requiredStrings(json, "examples"), history);
  }
}
