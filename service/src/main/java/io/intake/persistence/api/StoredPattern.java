package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mined log pattern as saved and loaded: its template, count, first and last time seen, lines
 * per level and example lines. Times travel as ISO 8601 text.
 */
public record StoredPattern(String service, long patternId, String template, long count, Instant firstSeen,
    Instant lastSeen, Map<String, Long> levels, List<String> examples) {

  public StoredPattern {
    levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    examples = List.copyOf(examples);
  }

  public JsonObject toJson() {
    JsonObject levelCounts = new JsonObject();
    levels.forEach(levelCounts::put);
    return new JsonObject()
        .put("service", service)
        .put("pattern_id", patternId)
        .put("template", template)
        .put("count", count)
        .put("first_seen", firstSeen == null ? null : firstSeen.toString())
        .put("last_seen", lastSeen == null ? null : lastSeen.toString())
        .put("levels", levelCounts)
        .put("examples", new JsonArray(new ArrayList<>(examples)));
  }

  public static StoredPattern fromJson(JsonObject json) {
    Map<String, Long> levels = new LinkedHashMap<>();
    JsonObject levelCounts = WireFields.optionalObject(json, "levels");
    if (levelCounts != null) {
      levelCounts.forEach(e -> {
        if (!(e.getValue() instanceof Number n)) {
          throw new IllegalArgumentException("levels." + e.getKey() + " must be a number");
        }
        levels.put(e.getKey(), n.longValue());
      });
    }
    List<String> examples = new ArrayList<>();
    Object given = json.getValue("examples");
    if (given instanceof JsonArray a) {
      a.forEach(e -> examples.add(String.valueOf(e)));
    } else if (given != null) {
      throw new IllegalArgumentException("examples must be an array");
    }
    return new StoredPattern(WireFields.requiredString(json, "service"), WireFields.requiredLong(json, "pattern_id"),
        WireFields.requiredString(json, "template"), WireFields.requiredLong(json, "count"), WireFields.optionalInstant(json, "first_seen"),
        WireFields.optionalInstant(json, "last_seen"), levels, examples);
  }

  /** {@code {patterns: [...]}}: the answer of {@code intake.patterns.load}. */
  public static JsonObject listToJson(List<StoredPattern> patterns) {
    JsonArray out = new JsonArray(new ArrayList<>(patterns.size()));
    patterns.forEach(p -> out.add(p.toJson()));
    return new JsonObject().put("patterns", out);
  }

  public static List<StoredPattern> listFromJson(JsonObject json) {
    JsonArray in = json.getJsonArray("patterns", new JsonArray());
    List<StoredPattern> patterns = new ArrayList<>(in.size());
    for (int i = 0; i < in.size(); i++) {
      if (!(in.getValue(i) instanceof JsonObject p)) {
        throw new IllegalArgumentException("patterns[" + i + "] must be an object");
      }
      patterns.add(fromJson(p));
    }
    return patterns;
  }
}
