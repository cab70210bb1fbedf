package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks the request records' {@code fromJson} share: a missing or mistyped field fails with
 * its name, which the owner verticle answers as INVALID. Numbers arrive as Integer or Long
 * depending on their size and on whether the body crossed the cluster as text, so any whole
 * number is accepted.
 */
final class WireFields {

  private WireFields() {
  }

  static String requiredString(JsonObject json, String field) {
    String value = optionalString(json, field);
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  static String optionalString(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return (String) value;
  }

  static long requiredLong(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return whole(field, value);
  }

  static int optionalInt(JsonObject json, String field, int absent) {
    Object value = json.getValue(field);
    return value == null ? absent : Math.toIntExact(whole(field, value));
  }

  static long optionalLong(JsonObject json, String field, long absent) {
    Object value = json.getValue(field);
    return value == null ? absent : whole(field, value);
  }

  static double optionalDouble(JsonObject json, String field, double absent) {
    Object value = json.getValue(field);
    if (value == null) {
      return absent;
    }
    if (!(value instanceof Number number)) {
      throw new IllegalArgumentException(field + " must be a number");
    }
    return number.doubleValue();
  }

  static boolean optionalBoolean(JsonObject json, String field, boolean absent) {
    Object value = json.getValue(field);
    if (value == null) {
      return absent;
    }
    if (!(value instanceof Boolean b)) {
      throw new IllegalArgumentException(field + " must be a boolean");
    }
    return b;
  }

  static JsonObject requiredObject(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (!(value instanceof JsonObject object)) {
      throw new IllegalArgumentException(field + " must be an object");
    }
    return object;
  }

  static JsonObject optionalObject(JsonObject json, String field) {
    return json.getValue(field) == null ? null : requiredObject(json, field);
  }

  static JsonArray requiredArray(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (!(value instanceof JsonArray array)) {
      throw new IllegalArgumentException(field + " must be an array");
    }
    return array;
  }

  static List<String> requiredStrings(JsonObject json, String field) {
    List<String> strings = new ArrayList<>();
    for (Object value : requiredArray(json, field)) {
      if (!(value instanceof String s)) {
        throw new IllegalArgumentException(field + " must hold strings");
      }
      strings.add(s);
    }
    return strings;
  }

  static List<JsonObject> requiredObjects(JsonObject json, String field) {
    List<JsonObject> objects = new ArrayList<>();
    for (Object value : requiredArray(json, field)) {
      if (!(value instanceof JsonObject o)) {
        throw new IllegalArgumentException(field + " must hold objects");
      }
      objects.add(o);
    }
    return objects;
  }

  private static long whole(String field, Object value) {
    if (!(value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte)) {
      throw new IllegalArgumentException(field + " must be a whole number");
    }
    return ((Number) value).longValue();
  }
}
