package io.intake.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.intake.ops.BuildInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API's OpenAPI 3.1 description, served as one self-contained JSON document.
 *
 * <p>The hand-written {@code openapi/openapi.yaml} refers to request schemas by their file,
 * {@code $ref: ../schemas/<name>.json}: the very files {@link JsonBodies} validates against, so the
 * document cannot drift from what the service accepts. Each referenced file is copied into
 * {@code components.schemas.<name>} and the reference pointed there; a client then needs one
 * download, and Swagger UI (which resolves {@code #/…} against the document root, ignoring a
 * schema's {@code $id}) finds each schema's {@code $defs}: their references are rewritten to the
 * schema's new place and its {@code $id} dropped.
 */
final class OpenApiDocument {

  static final String SOURCE = "openapi/openapi.yaml";
  private static final String SCHEMA_PREFIX = "../schemas/";
  private static final String COMPONENTS = "#/components/schemas/";

  private OpenApiDocument() {
  }

  /** The document as JSON text, {@code info.version} set to this build's version. */
  static String json() {
    ObjectMapper json = new ObjectMapper();
    try {
      return json.writeValueAsString(build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode build() {
    ObjectNode document = (ObjectNode) read(SOURCE, new YAMLMapper());
    document.withObject("/info").put("version", BuildInfo.version());
    Map<String, JsonNode> schemas = new TreeMap<>();
    inline(document, schemas);
    ObjectNode components = document.withObject("/components").withObject("/schemas");
    schemas.forEach(components::set);
    return document;
  }

  /** Points every file reference under {@code node} into components, collecting the files (and theirs). */
  private static void inline(JsonNode node, Map<String, JsonNode> schemas) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMA_PREFIX)) {
        String file = ref.asText().substring(SCHEMA_PREFIX.length());
        if (!file.endsWith(".json") || file.contains("/") || file.contains("#")) {
          throw new IllegalStateException(SOURCE + ": unsupported schema reference " + ref.asText());
        }
        String name = file.substring(0, file.length() - ".json".length());
        object.set("$ref", TextNode.valueOf(COMPONENTS + name));
        if (!schemas.containsKey(name)) {
          ObjectNode schema = (ObjectNode) read("schemas/" + file, new ObjectMapper());
          schema.remove("$schema");
          schema.remove("$id");
          rebase(schema, COMPONENTS + name);
          schemas.put(name, schema);
        }
        return;
      }
      for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
        inline(it.next(), schemas);
      }
    } else if (node.isArray()) {
      node.forEach(child -> inline(child, schemas));
    }
  }

  /** A schema's own {@code #/…} references, made relative to its place in the document. */
  private static void rebase(JsonNode node, String base) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
        object.set("$ref", TextNode.valueOf(base + ref.asText().substring(1)));
      }
      object.elements().forEachRemaining(child -> rebase(child, base));
    } else if (node.isArray()) {
      node.forEach(child -> rebase(child, base));
    }
  }

  private static JsonNode read(String resource, ObjectMapper mapper) {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return mapper.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
    }
  }
}
