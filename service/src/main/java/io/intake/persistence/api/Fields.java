package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Reads of required fields for the request records' {@code fromJson}: a missing or mistyped field
 * throws {@link IllegalArgumentException} naming it, which the owner answers as INVALID instead of
 * failing later in SQL with a message that names no field.
 */
final class Fields {

  private Fields() {
  }

  static String text(JsonObject json, String field) {
    if (json.getValue(field) instanceof String s) {
      return s;
    }
    throw missing(field, "a string");
  }

  static long whole(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    throw missing(field, "an integer");
  }

  static double number(JsonObject json, String field) {
    if (json.getValue(field) instanceof Number n) {
      return n.doubleValue();
    }
    throw missing(field, "a number");
  }

  static JsonArray array(JsonObject json, String field) {
    if (json.getValue(field) instanceof JsonArray a) {
      return a;
    }
    throw missing(field, "an array");
  }

  static JsonObject object(JsonObject json, String field) {
    if (json.getValue(field) instanceof JsonObject o) {
      return o;
    }
    throw missing(field, "an object");
  }

  /** An Instant in this process, ISO 8601 text from another member. */
  static Instant instant(JsonObject json, String field) {
    try {
      Instant at = json.getInstant(field);
      if (at != null) {
        return at;
      }
    } catch (RuntimeException mistyped) {
      // reported below with the field's name
    }
    throw missing(field, "an ISO 8601 instant");
  }

  /** Null when absent; else as {@link #instant}. */
  static Instant optionalInstant(JsonObject json, String field) {
    return json.getValue(field) == null ? null : instant(json, field);
  }

  /** Null when absent; else as {@link #text}. */
  static String optionalText(JsonObject json, String field) {
    return json.getValue(field) == null ? null : text(json, field);
  }

  /** Null when absent; else as {@link #object}. */
  static JsonObject optionalObject(JsonObject json, String field) {
    return json.getValue(field) == null ? null : object(json, field);
  }

  private static IllegalArgumentException missing(String field, String kind) {
    return new IllegalArgumentException(field + " must be " + kind);
  }
}
