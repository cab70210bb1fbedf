package io.intake.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An error answer. Every error the API sends has this one body shape:
 * {@code {"error": code, "message": text, "details": [{field, rule, message}], "correlation_id"}}.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final List<FieldError> details;

  public ApiError(int status, String code, String message, List<FieldError> details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
  }

  public ApiError(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  public static ApiError invalid(List<FieldError> details) {
    return new ApiError(400, "validation_failed", "Request is invalid: see details", details);
  }

  public static ApiError invalid(String field, String rule, String message) {
    return invalid(List.of(new FieldError(field, rule, message)));
  }

  public int status() {
    return status;
  }

  public List<FieldError> details() {
    return details;
  }

  public JsonObject toJson(String correlationId) {
    JsonArray fields = new JsonArray();
    details.forEach(d -> fields.add(d.toJson()));
    return new JsonObject()
        .put("error", code)
        .put("message", getMessage())
        .put("details", fields)
        .put("correlation_id", correlationId);
  }
}
