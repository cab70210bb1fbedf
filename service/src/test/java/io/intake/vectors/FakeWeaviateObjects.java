package io.intake.vectors;

import io.intake.vectors.FakeGraphQlGet.EnumValue;
import io.intake.vectors.FakeGraphQlGet.Selection;
import io.intake.vectors.FakeGraphQlGet.SyntaxError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The objects of {@link FakeWeaviate}: batch writes, merges and GraphQL {@code Get} searches with
 * the checks and the messages Weaviate gives. Searches compute exact cosine distances over every
 * stored object (Weaviate's HNSW is approximate, but on a handful of objects it finds the same).
 */
final class FakeWeaviateObjects {

  /** A status and a body (null for none) for one HTTP answer. */
  record Answer(int status, JsonObject body) {
  }

  /** An error Weaviate reports inside a GraphQL answer for the class's path. */
  private static final class QueryError extends RuntimeException {
    QueryError(String message) {
      super(message);
    }
  }

  private static final int DEFAULT_LIMIT = 10;

  private final Map<String, JsonObject> classes;
  /** class name → object id → stored object (class, id, properties, vector, times). */
  private final Map<String, Map<String, JsonObject>> byClass = new ConcurrentHashMap<>();

  FakeWeaviateObjects(Map<String, JsonObject> classes) {
    this.classes = classes;
  }

  /** What Weaviate fills in when a class is created without it. */
  static JsonObject withDefaults(JsonObject definition) {
    JsonObject c = definition.copy();
    c.put("vectorIndexType", c.getString("vectorIndexType", "hnsw"));
    JsonObject index = c.getJsonObject("vectorIndexConfig", new JsonObject());
    index.put("distance", index.getString("distance", "cosine"));
    c.put("vectorIndexConfig", index);
    c.put("vectorizer", c.getString("vectorizer", "none"));
    JsonArray properties = c.getJsonArray("properties", new JsonArray());
    for (Object p : properties) {
      JsonObject property = (JsonObject) p;
      if ("text".equals(type(property))) {
        property.put("tokenization", property.getString("tokenization", "word"));
      }
    }
    c.put("properties", properties);
    return c;
  }

  JsonObject stored(String className, String id) {
    JsonObject o = byClass.getOrDefault(className, Map.of()).get(id);
    return o == null ? null : o.copy();
  }

  int size(String className) {
    return byClass.getOrDefault(className, Map.of()).size();
  }

  // ---- POST /v1/batch/objects

  JsonArray batch(JsonObject body, Map<String, String> refusals) {
    JsonArray answers = new JsonArray();
    long now = System.currentTimeMillis();
    for (Object item : body.getJsonArray("objects", new JsonArray())) {
      JsonObject object = ((JsonObject) item).copy();
      String refusal = refusal(object, refusals);
      object.put("creationTimeUnix", now).put("lastUpdateTimeUnix", now);
      if (refusal == null) {
        byClass.computeIfAbsent(object.getString("class"), k -> new ConcurrentHashMap<>())
            .put(object.getString("id"), object.copy());
        object.put("result", new JsonObject().put("status", "SUCCESS"));
      } else {
        object.put("result", new JsonObject()
            .put("errors", FakeWeaviate.errorBody(refusal))
            .put("status", "FAILED"));
      }
      answers.add(object);
    }
    return answers;
  }

  private String refusal(JsonObject object, Map<String, String> refusals) {
    String className = object.getString("class");
    JsonObject definition = className == null ? null : classes.get(className);
    if (definition == null) {
      return "class '" + className + "' not present in schema";
    }
    if (!FakeWeaviate.isUuid(object.getString("id"))) {
      return "id '" + object.getString("id") + "' is not a valid uuid";
    }
    JsonObject properties = object.getJsonObject("properties", new JsonObject());
    String chosen = refusals.get(properties.getString("work_item_id", ""));
    if (chosen != null) {
      return chosen;
    }
    String invalid = invalidProperty(definition, properties);
    if (invalid != null) {
      return invalid;
    }
    JsonArray vector = object.getJsonArray("vector");
    if (vector != null) {
      for (JsonObject other : byClass.getOrDefault(className, Map.of()).values()) {
        JsonArray existing = other.getJsonArray("vector");
        if (existing != null && existing.size() != vector.size()
            && !other.getString("id").equals(object.getString("id"))) {
          return "new node has a vector with length " + vector.size()
              + ". Existing nodes have vectors with length " + existing.size();
        }
      }
    }
    return null;
  }

  private static String invalidProperty(JsonObject definition, JsonObject properties) {
    for (String name : properties.fieldNames()) {
      JsonObject property = property(definition, name);
      Object value = properties.getValue(name);
      if (property == null || value == null) {
        continue; // auto-schema would add it
      }
      String className = definition.getString("class");
      if ("text".equals(type(property)) && !(value instanceof String)) {
        return "invalid text property '" + name + "' on class '" + className + "': not a string, but "
            + value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
      }
      if ("date".equals(type(property)) && !FakeWeaviate.isDate(value)) {
        return "invalid date property '" + name + "' on class '" + className
            + "': requires a string with a RFC3339 formatted date, but the given value is '" + value + "'";
      }
    }
    return null;
  }

  // ---- PATCH and GET /v1/objects/{class}/{id}

  Answer merge(String className, String id, JsonObject body) {
    JsonObject stored = find(className, id);
    if (stored == null) {
      return new Answer(404, null);
    }
    JsonObject properties = body.getJsonObject("properties", new JsonObject());
    String invalid = invalidProperty(classes.get(stored.getString("class")), properties);
    if (invalid != null) {
      return new Answer(422, FakeWeaviate.errorBody(invalid));
    }
    stored.getJsonObject("properties").mergeIn(properties);
    JsonArray vector = body.getJsonArray("vector");
    if (vector != null && !vector.isEmpty()) {
      stored.put("vector", vector);
    }
    stored.put("lastUpdateTimeUnix", System.currentTimeMillis());
    return new Answer(204, null);
  }

  JsonObject get(String className, String id, boolean withVector) {
    JsonObject stored = find(className, id);
    if (stored == null) {
      return null;
    }
    JsonObject copy = stored.copy();
    if (!withVector) {
      copy.remove("vector");
    }
    return copy;
  }

  private JsonObject find(String className, String id) {
    if (className != null) {
      return byClass.getOrDefault(className, Map.of()).get(id);
    }
    return byClass.values().stream().map(m -> m.get(id)).filter(o -> o != null).findFirst().orElse(null);
  }

  // ---- POST /v1/graphql

  JsonObject graphQl(String query) {
    FakeGraphQlGet get;
    try {
      get = FakeGraphQlGet.parse(query);
    } catch (SyntaxError e) {
      return new JsonObject().putNull("data").put("errors", new JsonArray().add(error(e.getMessage(), e.column)));
    }
    JsonObject definition = classes.get(get.className);
    if (definition == null) {
      return new JsonObject().putNull("data").put("errors", new JsonArray().add(
          error("Cannot query field \"" + get.className + "\" on type \"GetObjectsObj\".", get.classColumn)));
    }
    for (Selection field : get.fields) {
      if (!field.name().equals("_additional") && property(definition, field.name()) == null) {
        return new JsonObject().putNull("data").put("errors", new JsonArray().add(error(
            "Cannot query field \"" + field.name() + "\" on type \"" + get.className + "\".", get.classColumn)));
      }
    }
    try {
      JsonArray results = search(get, definition);
      return new JsonObject().put("data", new JsonObject().put("Get", new JsonObject().put(get.className, results)));
    } catch (QueryError e) {
      return new JsonObject()
          .put("data", new JsonObject().put("Get", new JsonObject().putNull(get.className)))
          .put("errors", new JsonArray().add(error(e.getMessage(), get.classColumn)
              .put("path", new JsonArray().add("Get").add(get.className))));
    }
  }

  private static JsonObject error(String message, int column) {
    return new JsonObject()
        .put("locations", new JsonArray().add(new JsonObject().put("column", column).put("line", 1)))
        .put("message", message);
  }

  private record Hit(JsonObject object, Double distance) {
  }

  @SuppressWarnings("unchecked")
  private JsonArray search(FakeGraphQlGet get, JsonObject definition) {
    double[] query = null;
    if (get.arguments.get("nearVector") instanceof Map<?, ?> near) {
      List<Object> values = (List<Object>) near.get("vector");
      query = values.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }
    Map<String, Object> where = (Map<String, Object>) get.arguments.get("where");
    int limit = get.arguments.get("limit") instanceof Number n ? n.intValue() : DEFAULT_LIMIT;
    List<Hit> hits = new ArrayList<>();
    for (JsonObject object : byClass.getOrDefault(get.className, Map.of()).values()) {
      if (where != null && !matches(where, definition, object.getJsonObject("properties"))) {
        continue;
      }
      Double distance = null;
      if (query != null) {
        JsonArray vector = object.getJsonArray("vector");
        if (vector == null) {
          continue;
        }
        if (vector.size() != query.length) {
          throw new QueryError("explorer: get class: vector search: object vector search at index "
              + get.className.toLowerCase(Locale.ROOT) + ": shard " + get.className.toLowerCase(Locale.ROOT)
              + "_fake: vector search: knn search: distance between entrypoint and query node: "
              + "vector lengths don't match: " + query.length + " vs " + vector.size());
        }
        distance = cosineDistance(query, vector);
      }
      hits.add(new Hit(object, distance));
    }
    if (query != null) {
      hits.sort(Comparator.comparingDouble(Hit::distance));
    }
    JsonArray out = new JsonArray();
    for (Hit hit : hits.subList(0, Math.min(limit, hits.size()))) {
      out.add(project(hit, get.fields));
    }
    return out;
  }

  private static JsonObject project(Hit hit, List<Selection> fields) {
    JsonObject item = new JsonObject();
    for (Selection field : fields) {
      if (field.name().equals("_additional")) {
        JsonObject additional = new JsonObject();
        if (field.has("id")) {
          additional.put("id", hit.object().getString("id"));
        }
        if (field.has("distance")) {
          additional.put("distance", hit.distance() == null ? null : (double) hit.distance().floatValue());
        }
        item.put("_additional", additional);
      } else {
        item.put(field.name(), hit.object().getJsonObject("properties").getValue(field.name()));
      }
    }
    return item;
  }

  static double cosineDistance(double[] a, JsonArray b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      double y = b.getDouble(i);
      dot += a[i] * y;
      na += a[i] * a[i];
      nb += y * y;
    }
    return na == 0 || nb == 0 ? 1.0 : 1.0 - dot / Math.sqrt(na * nb);
  }

  // ---- where filters

  @SuppressWarnings("unchecked")
  private boolean matches(Map<String, Object> where, JsonObject definition, JsonObject properties) {
    String operator = ((EnumValue) where.get("operator")).name();
    if (operator.equals("And") || operator.equals("Or")) {
      List<Object> operands = (List<Object>) where.get("operands");
      if (operands == null || operands.isEmpty()) {
        throw new QueryError("invalid 'where' filter: operator " + operator + " needs operands");
      }
      return operator.equals("And")
          ? operands.stream().allMatch(o -> matches((Map<String, Object>) o, definition, properties))
          : operands.stream().anyMatch(o -> matches((Map<String, Object>) o, definition, properties));
    }
    String name = (String) ((List<Object>) where.get("path")).get(0);
    JsonObject property = property(definition, name);
    if (property == null) {
      throw new QueryError("invalid 'where' filter: no such prop with name '" + name + "' found in class '"
          + definition.getString("class") + "' in the schema. Check your schema files for which properties in "
          + "this class are available");
    }
    String type = type(property);
    String valueKey = where.keySet().stream().filter(k -> k.startsWith("value")).findFirst()
        .orElseThrow(() -> new QueryError("invalid 'where' filter: no value given"));
    String expected = switch (type) {
      case "text" -> "valueText";
      case "date" -> "valueDate";
      case "int" -> "valueInt";
      case "number" -> "valueNumber";
      case "boolean" -> "valueBoolean";
      default -> throw new QueryError("fake weaviate: filters on " + type + " are not played");
    };
    if (!valueKey.equals(expected) && !(type.equals("text") && valueKey.equals("valueString"))) {
      throw new QueryError("invalid 'where' filter: data type filter cannot use \"" + valueKey
          + "\" on type \"" + type + "\", use \"" + expected + "\" instead");
    }
    Object wanted = where.get(valueKey);
    Object stored = properties.getValue(name);
    if (stored == null) {
      return operator.equals("NotEqual");
    }
    int order;
    switch (type) {
      case "text" -> {
        if (!operator.equals("Equal") && !operator.equals("NotEqual")) {
          throw new QueryError("fake weaviate: text operator " + operator + " is not played");
        }
        boolean equal = textEqual(property.getString("tokenization", "word"), (String) stored, (String) wanted);
        return operator.equals("Equal") == equal;
      }
      case "date" -> order = instant(stored).compareTo(instant(wanted));
      case "boolean" -> order = stored.equals(wanted) ? 0 : 1;
      default -> order = Double.compare(((Number) stored).doubleValue(), ((Number) wanted).doubleValue());
    }
    return switch (operator) {
      case "Equal" -> order == 0;
      case "NotEqual" -> order != 0;
      case "GreaterThan" -> order > 0;
      case "GreaterThanEqual" -> order >= 0;
      case "LessThan" -> order < 0;
      case "LessThanEqual" -> order <= 0;
      default -> throw new QueryError("fake weaviate: operator " + operator + " is not played");
    };
  }

  /**
   * {@code field}: the whole trimmed value is one token. {@code word} (the default): lower-cased
   * runs of letters and digits, and Equal holds when every token of the filter value is present.
   */
  private static boolean textEqual(String tokenization, String stored, String wanted) {
    return switch (tokenization) {
      case "field" -> stored.trim().equals(wanted.trim());
      case "whitespace" -> tokens(stored, "\\s+", false).containsAll(tokens(wanted, "\\s+", false));
      case "lowercase" -> tokens(stored, "\\s+", true).containsAll(tokens(wanted, "\\s+", true));
      default -> tokens(stored, "[^\\p{L}\\p{N}]+", true).containsAll(tokens(wanted, "[^\\p{L}\\p{N}]+", true));
    };
  }

  private static Set<String> tokens(String text, String separator, boolean lower) {
    return Arrays.stream((lower ? text.toLowerCase(Locale.ROOT) : text).split(separator))
        .filter(t -> !t.isEmpty()).collect(Collectors.toSet());
  }

  private static Instant instant(Object value) {
    return OffsetDateTime.parse(value.toString()).toInstant();
  }

  private static JsonObject property(JsonObject definition, String name) {
    for (Object p : definition.getJsonArray("properties", new JsonArray())) {
      if (name.equals(((JsonObject) p).getString("name"))) {
        return (JsonObject) p;
      }
    }
    return null;
  }

  private static String type(JsonObject property) {
    JsonArray dataType = property.getJsonArray("dataType", new JsonArray());
    return dataType.isEmpty() ? "" : dataType.getString(0);
  }
}
