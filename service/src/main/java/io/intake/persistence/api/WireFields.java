package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks the owners' request records' {@code fromJson} share (here and beside the enrichment
 * and vector-state clients): a missing or mistyped field fails with
 * its name, which the owner verticle answers as INVALID. Numbers arrive as Integer or Long
 * depending on their size and on whether the body crossed the cluster as text, so any whole
 * number is accepted.
 */
public final class WireFields {

  private WireFields() {
  }

  public static String requiredString(JsonObject json, String field) {
    String value = optionalString(json, field);
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  public static String optionalString(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return (String) value;
  }

  public static long requiredLong(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return whole(field, value);
  }

  public static int optionalInt(JsonObject json, String field, int absent) {
    Object value = json.getValue(field);
    return value == null ? absent : Math.toIntExact(whole(field, value));
  }

  public static long optionalLong(JsonObject json, String field, long absent) {
    Object value = json.getValue(field);
    return value == null ? absent : whole(field, value);
  }

  public static double optionalDouble(JsonObject json, String field, double absent) {
    Object value = json.getValue(field);
    if (value == null) {
      return absent;
    }
    if (!(value instanceof Number number)) {
      throw new IllegalArgumentException(field + " must be a number");
    }
    return number.doubleValue();
  }

  public static boolean optionalBoolean(JsonObject json, String field, boolean absent) {
    Object value = json.getValue(field);
    if (value == null) {
      return absent;
    }
    if (!(value instanceof Boolean b)) {
      throw new IllegalArgumentException(field + " must be a boolean");
    }
    return b;
  }

  public static JsonObject requiredObject(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (!(value instanceof JsonObject object)) {
      throw new IllegalArgumentException(field + " must be an object");
    }
    return object;
  }

  public static JsonObject optionalObject(JsonObject json, String field) {
    return json.getValue(field) == null ? null : requiredObject(json, field);
  }

  public static JsonArray requiredArray(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (!(value instanceof JsonArray array)) {
      throw new IllegalArgumentException(field + " must be an array");
    }
    return array;
  }

  public static List<String> requiredStrings(JsonObject json, String field) {
    List<String> strings = new ArrayList<>();
    for (Object value : requiredArray(json, field)) {
      if (!(value instanceof String s)) {
        throw new IllegalArgumentException(field + " must hold strings");
      }
      strings.add(s);
    }
    return strings;
  }

  public static List<JsonObject> requiredObjects(JsonObject json, String field) {
    List<JsonObject> objects = new ArrayList<>();
    for (Object value : requiredArray(json, field)) {
      if (!(value instanceof JsonObject o)) {
        throw new IllegalArgumentException(field + " must hold objects");
      }
      objects.add(o);
    }
    return objects;
  }

  public static int requiredInt(JsonObject json, String field) {
    return Math.toIntExact(requiredLong(json, field));
  }

  public static double requiredDouble(JsonObject json, String field) {
    if (json.getValue(field) == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return optionalDouble(json, field, 0);
  }

  /** Bytes: as they are within a member, base64 text between members. */
  public static byte[] optionalBinary(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    try {
      return json.getBinary(field);
    } catch (ClassCastException | IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " must be bytes (base64)");
    }
  }

  public static byte[] requiredBinary(JsonObject json, String field) {
    byte[] value = optionalBinary(json, field);
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  /** The objects of an array that may be left out (none). */
  public static List<JsonObject> optionalObjects(JsonObject json, String field) {
    return json.getValue(field) == null ? List.of() : requiredObjects(json, field);
  }

  /** An Instant within a member, ISO 8601 text between members. */
  public static Instant optionalInstant(JsonObject json, String field) {
    if (json.getValue(field) == null) {
      return null;
    }
    try {
      return json.getInstant(field);
    } catch (RuntimeException mistyped) {
      throw new IllegalArgumentException(field + " must be an ISO 8601 instant");
    }
  }

  public static Instant requiredInstant(JsonObject json, String field) {
    Instant value = optionalInstant(json, field);
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  private static long whole(String field, Object value) {
    if (!(value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte)) {
      throw new IllegalArgumentException(field + " must be a whole number");
    }
    return ((Number) value).longValue();
  }
}
