package io.intake.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.intake.normalize.SenderTimestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Parses request bodies under size-independent limits (nesting depth, string length) and checks
 * them against the JSON schemas in {@code src/main/resources/schemas}. Every violation is reported,
 * each naming its field and rule; input values are never echoed back.
 */
public final class JsonBodies {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JsonBodies.class);
  /** What the timestamp formats accept, as the 400 says it. */
  private static final Map<String, String> TIMESTAMP_RULES = Map.of(
      "sender-date-time", "must be an ISO 8601 / RFC 3339 date-time with an offset (Z, +00:00 or +0000)",
      "sender-timestamp", "must be an ISO 8601 / RFC 3339 date-time with an offset, or epoch seconds or milliseconds");

  /** The schemas' way of saying "not blank" (at least one non-space character). */
  private static final String NOT_BLANK = "\\S";

  private final ObjectMapper mapper;
  private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
      builder -> builder.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
          .format(new TimestampFormat("sender-date-time", SenderTimestamps::parse))
          .format(new TimestampFormat("sender-timestamp", SenderTimestamps::parseIsoOrEpoch))
          .build()));
  private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
      .formatAssertionsEnabled(true)
      .build();
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
  private final int maxDepth;

  public JsonBodies(int maxDepth, int maxStringLength) {
    this.maxDepth = maxDepth;
    this.mapper = new ObjectMapper(JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(maxDepth)
            .maxStringLength(maxStringLength)
            .build())
        .build());
  }

  /**
   * @param schemaName file name under {@code schemas/} without {@code .json}
   * @throws ApiError 400 when the body is empty, not JSON, too deep, or breaks the schema
   */
  public JsonNode parse(String body, String schemaName) {
    if (body == null || body.isBlank()) {
      throw ApiError.invalid("body", "required", "a JSON request body is required");
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (StreamConstraintsException e) {
      throw ApiError.invalid("body", "limits", "JSON nesting deeper than " + maxDepth + " or string too long");
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "malformed_json", "Request body is not valid JSON",
          List.of(new FieldError("body", "json", "must be valid JSON (RFC 8259)")));
    }
    // The text policy first (U+0000 anywhere, keys too; infinite numbers), then the schema.
    List<FieldError> errors = TextPolicy.check(node);
    if (errors.isEmpty()) {
      errors = validate(node, schemaName);
    }
    if (!errors.isEmpty()) {
      throw ApiError.invalid(errors);
    }
    return node;
  }

  List<FieldError> validate(JsonNode node, String schemaName) {
    JsonSchema schema = schemas.computeIfAbsent(schemaName,
        name -> factory.getSchema(SchemaLocation.of("classpath:schemas/" + name + ".json"), config));
    List<FieldError> errors = new ArrayList<>();
    java.util.Set<ValidationMessage> messages;
    try {
      messages = schema.validate(node);
    } catch (RuntimeException e) {
      // The validator itself failed on this input (found by the fuzzer: an infinite number in an
      // enum check). The input is what is odd: 400, and a line for us to find the case.
      LOG.warn("schema {} could not check a body: {}", schemaName, e.toString());
      return List.of(new FieldError("body", "schema", "the body could not be checked against the " + schemaName + " schema"));
    }
    for (ValidationMessage message : messages) {
      errors.add(new FieldError(fieldOf(message), message.getType(), messageOf(message)));
    }
    errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::rule));
    return errors;
  }

  /** Instance path plus, for a missing or unexpected property, its name: {@code issue.fields.project.key}, {@code tags[2]}. */
  private static String fieldOf(ValidationMessage message) {
    StringBuilder field = new StringBuilder();
    JsonNodePath path = message.getInstanceLocation();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      if (element instanceof Integer index) {
        field.append('[').append(index).append(']');
      } else {
        field.append(field.length() == 0 ? "" : ".").append(element);
      }
    }
    if (message.getProperty() != null
        && ("required".equals(message.getType()) || "additionalProperties".equals(message.getType()))) {
      field.append(field.length() == 0 ? "" : ".").append(message.getProperty());
    }
    return field.length() == 0 ? "body" : field.toString();
  }

  /**
   * The timestamps senders write, checked by the same parser the normalizers read them with, so
   * the schema never accepts a value the normalizer cannot read, nor refuses one it can.
   */
  private record TimestampFormat(String name, Function<String, Optional<Instant>> parser) implements Format {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean matches(ExecutionContext context, String value) {
      return parser.apply(value).isPresent();
    }
  }

  /** The library's text, except for enums, which read better as a plain list. */
  private static String messageOf(ValidationMessage message) {
    JsonNode schemaNode = message.getSchemaNode();
    if ("format".equals(message.getType()) && schemaNode != null && schemaNode.isTextual()) {
      String rule = TIMESTAMP_RULES.get(schemaNode.asText());
      if (rule != null) {
        return rule;
      }
    }
    if ("enum".equals(message.getType()) && schemaNode != null && schemaNode.isArray()) {
      List<String> allowed = new ArrayList<>();
      schemaNode.forEach(v -> {
        if (!v.isNull()) {
          allowed.add(v.asText());
        }
      });
      return "must be one of " + String.join(", ", allowed);
    }
    if ("pattern".equals(message.getType()) && schemaNode != null && NOT_BLANK.equals(schemaNode.asText())) {
      return "must not be blank";
    }
    return message.getError();
  }
}
