package io.intake.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/** Query parameters checked one rule each; a broken rule is collected as a {@link FieldError} naming the field. */
final class QueryParams {

  private QueryParams() {
  }

  static int intParam(RoutingContext ctx, String name, int fallback, int min, int max, List<FieldError> errors) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.strip());
      if (value < min) {
        errors.add(new FieldError(name, "minimum", "must be at least " + min));
      } else if (value > max) {
        errors.add(new FieldError(name, "maximum", "must be at most " + max));
      }
      return value;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(name, "type", "must be an integer"));
      return fallback;
    }
  }

  static void enumParam(RoutingContext ctx, String name, Set<String> allowed, JsonObject query,
      List<FieldError> errors) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return;
    }
    if (!allowed.contains(raw)) {
      errors.add(new FieldError(name, "enum", "must be one of " + String.join(", ", allowed.stream().sorted().toList())));
    }
    query.put(name, raw);
  }

  static void idParam(RoutingContext ctx, String name, JsonObject query, List<FieldError> errors) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return;
    }
    if (raw.isBlank() || raw.length() > 200) {
      errors.add(new FieldError(name, "maxLength", "must be a work item id of 1 to 200 characters"));
    }
    query.put(name, raw);
  }

  static void text(RoutingContext ctx, String name, int max, JsonObject query, List<FieldError> errors) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return;
    }
    if (raw.isBlank() || raw.length() > max) {
      errors.add(new FieldError(name, "maxLength", "must be 1 to " + max + " characters"));
    }
    query.put(name, raw.strip());
  }
}
