package io.intake.http;

import io.vertx.core.json.JsonObject;

/**
 * One rejected field of a request.
 *
 * @param field dotted path of the field (e.g. {@code issue.fields.project.key})
 * @param rule  the rule it broke (JSON-schema keyword style: required, enum, type, maximum…)
 */
public record FieldError(String field, String rule, String message) {

  public JsonObject toJson() {
    return new JsonObject().put("field", field).put("rule", rule).put("message", message);
  }
}
