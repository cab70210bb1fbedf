package io.intake.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What text Intake accepts, decided once for every source (docs/text-policy.md):
 * any Unicode text except U+0000. PostgreSQL cannot store NUL in {@code text} (22021) nor in
 * {@code jsonb} (22P05), so a NUL that got in used to reach the database and come back as 500.
 * It is refused at the edge with 400 naming the field: body strings and object keys at any depth,
 * path parameters and query parameter names and values. Nothing is stripped: a log shipper or
 * webhook sender learns of it instead of storing text that differs from what it sent.
 */
public final class TextPolicy {

  public static final String RULE = "nul_character";
  public static final String MESSAGE = "must not contain U+0000 (NUL)";
  /** {@code 1e400} parses to infinity; no field of ours means that, and schema checks choke on it. */
  public static final String FINITE_RULE = "finite_number";
  /** A body full of NULs reports this many fields, not thousands. */
  static final int MAX_REPORTED = 20;

  private TextPolicy() {
  }

  public static boolean acceptable(String text) {
    return text == null || text.indexOf('\u0000') < 0;
  }

  /**
   * Every field (dotted path, {@code [i]} for array items; {@code body} for the root) breaking the
   * rule, and every number too large to be finite.
   */
  public static List<FieldError> check(JsonNode root) {
    List<FieldError> errors = new ArrayList<>();
    walk(root, "", errors);
    return errors;
  }

  private static void walk(JsonNode node, String path, List<FieldError> errors) {
    if (errors.size() >= MAX_REPORTED) {
      return;
    }
    if (node.isTextual()) {
      if (!acceptable(node.textValue())) {
        errors.add(violation(path.isEmpty() ? "body" : path));
      }
    } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      errors.add(new FieldError(path.isEmpty() ? "body" : path, FINITE_RULE, "must be a finite number"));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", errors);
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        // The key is shown with the NUL written out, so the error body itself stays clean.
        String name = (path.isEmpty() ? "" : path + ".") + field.getKey().replace("\u0000", "\\u0000");
        if (!acceptable(field.getKey()) && errors.size() < MAX_REPORTED) {
          errors.add(new FieldError(name, RULE, "key " + MESSAGE));
        }
        walk(field.getValue(), name, errors);
      }
    }
  }

  static FieldError violation(String field) {
    return new FieldError(field, RULE, MESSAGE);
  }
}
