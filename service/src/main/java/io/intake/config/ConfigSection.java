package io.intake.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One object of the configuration tree, read by a settings record. Each read names the key, its
 * default and its rule, so the default is written once (in the record) and a bad value fails
 * start-up with the key's full path and the rule it broke.
 *
 * <p>Every read is also recorded ({@link #declared}): reading an empty tree yields every key a
 * record knows with its default and rule, which is how {@code conf/config.json}, the environment
 * table and {@code docs/configuration.md} are checked against the records.
 */
public final class ConfigSection {

  /**
   * A key a settings record reads.
   *
   * @param path         dotted path from the root of the configuration
   * @param defaultValue JSON value (null: unset)
   * @param rule         what a value must be, in words (for messages and the reference)
   */
  public record Key(String path, Object defaultValue, String rule) {
  }

  private final String path;
  private final JsonObject json;
  private final List<Key> declared;

  private ConfigSection(String path, JsonObject json, List<Key> declared) {
    this.path = path;
    this.json = json == null ? new JsonObject() : json;
    this.declared = declared;
  }

  /** The root of a configuration tree ({@code json} null: empty, all defaults). */
  public static ConfigSection root(JsonObject json) {
    return new ConfigSection("", json, new ArrayList<>());
  }

  /** A slice handed to a verticle on its own (its keys are reported under {@code path}). */
  public static ConfigSection of(String path, JsonObject json) {
    return new ConfigSection(path, json, new ArrayList<>());
  }

  /** The keys read so far, in reading order, through this section and every section below it. */
  public List<Key> declared() {
    return Collections.unmodifiableList(declared);
  }

  public String path() {
    return path;
  }

  /** The nested object {@code key} (absent: empty, so its defaults apply). */
  public ConfigSection section(String key) {
    Object value = json.getValue(key);
    if (value != null && !(value instanceof JsonObject)) {
      throw bad(key, "must be an object", value);
    }
    return new ConfigSection(name(key), (JsonObject) value, declared);
  }

  public int integer(String key, int fallback, int min, int max) {
    String rule = range(min, max);
    Object value = declare(key, fallback, "integer " + rule);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.longValue() < min || n.longValue() > max) {
      throw bad(key, "must be an integer " + rule, value);
    }
    return n.intValue();
  }

  public int integer(String key, int fallback, int min) {
    return integer(key, fallback, min, Integer.MAX_VALUE);
  }

  /** An integer that may be absent (null) to mean "decide at run time". */
  public Integer optionalInteger(String key, int min, String whenUnset) {
    String rule = range(min, Integer.MAX_VALUE);
    Object value = declare(key, null, "integer " + rule + "; unset: " + whenUnset);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min
        || n.longValue() > Integer.MAX_VALUE) {
      throw bad(key, "must be an integer " + rule, value);
    }
    return n.intValue();
  }

  public long longInteger(String key, long fallback, long min) {
    String rule = range(min, Long.MAX_VALUE);
    Object value = declare(key, fallback, "integer " + rule);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min) {
      throw bad(key, "must be an integer " + rule, value);
    }
    return n.longValue();
  }

  public double number(String key, double fallback, double min, double max) {
    String rule = max == Double.MAX_VALUE ? "≥ " + plain(min) : plain(min) + "–" + plain(max);
    Object value = declare(key, fallback, "number " + rule);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number n) || Double.isNaN(n.doubleValue()) || n.doubleValue() < min || n.doubleValue() > max) {
      throw bad(key, "must be a number " + rule, value);
    }
    return n.doubleValue();
  }

  public boolean flag(String key, boolean fallback) {
    Object value = declare(key, fallback, "true or false");
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean b)) {
      throw bad(key, "must be true or false", value);
    }
    return b;
  }

  /** A non-blank string. */
  public String string(String key, String fallback) {
    return string(key, fallback, s -> !s.isBlank(), "non-blank text");
  }

  /** A string obeying {@code rule} (described by {@code ruleText}). */
  public String string(String key, String fallback, Predicate<String> rule, String ruleText) {
    Object value = declare(key, fallback, ruleText);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String s) || !rule.test(s)) {
      throw bad(key, "must be " + ruleText, value);
    }
    return s;
  }

  /** A string that may be unset; blank counts as unset (an empty environment variable, a template). */
  public String optionalString(String key, String whenUnset) {
    Object value = declare(key, null, "text; unset: " + whenUnset);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw bad(key, "must be text", value);
    }
    return s.isBlank() ? null : s;
  }

  /** A list of non-blank strings; {@code allowEmpty} false: at least one. */
  public List<String> strings(String key, List<String> fallback, boolean allowEmpty) {
    return strings(key, fallback, allowEmpty, null);
  }

  /** A list of strings, each one of {@code allowed} (null: any non-blank string). */
  public List<String> strings(String key, List<String> fallback, boolean allowEmpty, List<String> allowed) {
    String rule = (allowEmpty ? "list of " : "non-empty list of ")
        + (allowed == null ? "non-blank strings" : "values from " + String.join(", ", allowed));
    Object value = declare(key, new JsonArray(fallback), rule);
    if (value == null) {
      return List.copyOf(fallback);
    }
    List<String> out = new ArrayList<>();
    if (value instanceof String s) {
      // How the environment and older files give a list: "key-1,key-2".
      value = new JsonArray(List.of(s.split(",")).stream().filter(v -> !v.isBlank()).toList());
    }
    if (!(value instanceof JsonArray array)) {
      throw bad(key, "must be a " + rule, value);
    }
    for (Object o : array) {
      if (!(o instanceof String s) || s.isBlank() || allowed != null && !allowed.contains(s.strip())) {
        throw bad(key, "must be a " + rule, value);
      }
      out.add(s.strip());
    }
    if (out.isEmpty() && !allowEmpty) {
      throw bad(key, "must be a " + rule, value);
    }
    return List.copyOf(out);
  }

  /** An object of string values (a lookup table such as a service map), kept in its order. */
  public Map<String, String> stringMap(String key, Map<String, String> fallback) {
    return stringMap(key, fallback, s -> true, "text");
  }

  /** An object whose values each obey {@code rule} (described by {@code ruleText}), kept in its order. */
  public Map<String, String> stringMap(String key, Map<String, String> fallback, Predicate<String> rule, String ruleText) {
    JsonObject fallbackJson = new JsonObject();
    fallback.forEach(fallbackJson::put);
    String mapRule = "object of " + ruleText + " values";
    Object value = declare(key, fallbackJson, mapRule);
    if (value == null) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(fallback));
    }
    if (!(value instanceof JsonObject object)) {
      throw bad(key, "must be an " + mapRule, value);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : object) {
      if (!(e.getValue() instanceof String s) || !rule.test(s)) {
        throw bad(key + "." + e.getKey(), "must be " + ruleText, e.getValue());
      }
      out.put(e.getKey(), s);
    }
    return Collections.unmodifiableMap(out);
  }

  /** A list of objects whose own keys the record's consumer reads (simulated services, watcher targets). */
  public JsonArray objects(String key, JsonArray fallback, String ruleText) {
    Object value = declare(key, fallback.copy(), ruleText);
    if (value == null) {
      return fallback.copy();
    }
    if (!(value instanceof JsonArray array) || array.stream().anyMatch(o -> !(o instanceof JsonObject))) {
      throw bad(key, "must be " + ruleText, value);
    }
    return array.copy();
  }

  /** An object read as a whole by the record's consumer (a simulator pattern). */
  public JsonObject object(String key, JsonObject fallback, String ruleText) {
    Object value = declare(key, fallback.copy(), ruleText);
    if (value == null) {
      return fallback.copy();
    }
    if (!(value instanceof JsonObject object)) {
      throw bad(key, "must be " + ruleText, value);
    }
    return object.copy();
  }

  /** For rules spanning keys: fails start-up naming {@code key} of this section. */
  public IllegalArgumentException invalid(String key, String rule) {
    return new IllegalArgumentException(name(key) + " " + rule);
  }

  private Object declare(String key, Object fallback, String rule) {
    declared.add(new Key(name(key), fallback, rule));
    return json.getValue(key);
  }

  private String name(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private IllegalArgumentException bad(String key, String rule, Object value) {
    String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    if (name(key).matches(".*(key|secret|url|password).*")) {
      // Credentials (a URL may carry a password) stay out of logs.
      shown = "hidden";
    }
    if (shown.length() > 60) {
      shown = shown.substring(0, 57) + "...";
    }
    return new IllegalArgumentException("configuration: " + name(key) + " " + rule + " (was " + shown + ")");
  }

  private static String range(long min, long max) {
    if (max == Integer.MAX_VALUE || max == Long.MAX_VALUE) {
      return "≥ " + min;
    }
    return min + "–" + max;
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
