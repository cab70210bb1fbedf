package io.intake.fuzz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of hostile requests made from valid ones: the same seed gives the same
 * sequence, so a failure is replayed by its seed and index. Pure: no I/O.
 */
final class RequestMutator {

  /** One request to send. {@code body} null: none. */
  record FuzzRequest(String method, String target, Map<String, String> headers, byte[] body, String mutation) {

    String describe() {
      String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
      return method + " " + (target.length() > 200 ? target.substring(0, 200) + "…" : target) + " [" + mutation + "] "
          + headers + " " + shown.replace("\u0000", "\\u0000");
    }
  }

  /** Text that has broken parsers, databases and models somewhere. */
  static final List<String> EVIL_TEXT = List.of("", " ", "\u0000", "a\u0000b", "\ufeff", "\ufeffhello", "\u200b",
      "\u200b\u200c\u200d", "\u202eevil\u202c", "\u0645\u0631\u062d\u0628\u0627", "\ud83d\udca5\ud83d\udd25", "\ud800",
      "\udfff", "\u0001\u0002\u001f", "\\", "\"", "'; DROP TABLE work_items; --", "%00", "%s%n", "${jndi:ldap://x}",
      "<script>alert(1)</script>", "\r\n\r\n", "NaN", "Infinity", "-0", "1e309", "null", "true", "\uffff", "\ufffd",
      "a".repeat(300), "é".repeat(5000), "2026-13-45T99:99:99Z", "0000-00-00", "9999-12-31T23:59:59Z", "sev9");

  /** Numbers as JSON text: huge, negative, fractional, beyond every integer type. */
  static final List<String> EVIL_NUMBERS = List.of("0", "-1", "-2147483649", "2147483648", "9223372036854775808",
      "-9223372036854775809", "1e308", "-1e308", "1e-400", "0.5", "-0.0", "99999999999999999999999999999999", "1E400");

  static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x", "application/json; charset=iso-8859-1", "application/jsonx", "*/*", "",
      "application/json; charset=utf-16", "APPLICATION/JSON");

  private final Random random;
  private final Map<String, JsonObject> validBodies;
  private final List<String> itemIds;
  private final Map<String, List<String>> getParams;
  private final int maxBodyBytes;

  /**
   * @param validBodies  path template (with {@code {id}}) → a valid body
   * @param getParams    GET path template → its query parameter names
   * @param itemIds      existing work item ids for {@code {id}}
   * @param maxBodyBytes the server's body limit: one mutation goes just past it
   */
  RequestMutator(long seed, Map<String, JsonObject> validBodies, Map<String, List<String>> getParams, List<String> itemIds,
      int maxBodyBytes) {
    this.random = new Random(seed);
    this.validBodies = validBodies;
    this.getParams = getParams;
    this.itemIds = itemIds;
    this.maxBodyBytes = maxBodyBytes;
  }

  FuzzRequest next() {
    return random.nextInt(10) < 7 ? nextPost() : nextGet();
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private String id() {
    return switch (random.nextInt(6)) {
      case 0 -> "wi_does_not_exist";
      case 1 -> enc(pick(EVIL_TEXT));
      case 2 -> "%zz";
      default -> pick(itemIds);
    };
  }

  private String fill(String template) {
    return template.replace("{id}", id());
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // ---- GET ----

  private FuzzRequest nextGet() {
    List<String> paths = new ArrayList<>(getParams.keySet());
    String template = pick(paths);
    List<String> names = getParams.get(template);
    StringBuilder query = new StringBuilder();
    String mutation;
    int kind = random.nextInt(8);
    switch (kind) {
      case 0 -> {
        mutation = "query:malformed-percent";
        query.append(names.isEmpty() ? "x" : pick(names)).append('=').append(pick(List.of("%", "%z", "%zz", "%c3", "%ff%fe", "%u0000")));
      }
      case 1 -> {
        mutation = "query:long";
        query.append(names.isEmpty() ? "x" : pick(names)).append('=').append("a".repeat(random.nextBoolean() ? 7000 : 9000));
      }
      case 2 -> {
        mutation = "query:duplicates";
        String name = names.isEmpty() ? "x" : pick(names);
        query.append(name).append("=1&").append(name).append("=").append(enc(pick(EVIL_TEXT)));
      }
      case 3 -> {
        mutation = "query:number";
        query.append(names.isEmpty() ? "limit" : pick(names)).append('=').append(enc(pick(EVIL_NUMBERS)));
      }
      case 4 -> {
        mutation = "query:unknown-name";
        query.append(enc(pick(EVIL_TEXT))).append('=').append(enc(pick(EVIL_TEXT)));
      }
      default -> {
        mutation = "query:evil-values";
        for (String name : names) {
          if (random.nextBoolean()) {
            query.append(query.length() == 0 ? "" : "&").append(name).append('=')
                .append(enc(random.nextBoolean() ? pick(EVIL_TEXT) : pick(EVIL_NUMBERS)));
          }
        }
      }
    }
    String target = fill(template) + (query.length() == 0 ? "" : "?" + query);
    return new FuzzRequest("GET", target, new LinkedHashMap<>(), null, mutation);
  }

  // ---- POST ----

  private FuzzRequest nextPost() {
    List<String> paths = new ArrayList<>(validBodies.keySet());
    String template = pick(paths);
    JsonObject body = validBodies.get(template).copy();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    String target = template.contains("{id}") && random.nextInt(4) > 0 ? template.replace("{id}", pick(itemIds)) : fill(template);
    String text;
    String mutation;
    int kind = random.nextInt(16);
    switch (kind) {
      case 0, 1, 2 -> {
        mutation = "leaf:evil-value";
        text = replaceLeaf(body, randomValue()).encode();
      }
      case 3 -> {
        mutation = "leaf:wrong-type";
        text = replaceLeaf(body, pick(List.of(new JsonArray().add(1), new JsonObject().put("a", 1), true, 12, 1.5))).encode();
      }
      case 4 -> {
        mutation = "key:removed";
        removeKey(body);
        text = body.encode();
      }
      case 5 -> {
        mutation = "key:added";
        pickObject(body).put(pick(EVIL_TEXT), randomValue());
        text = body.encode();
      }
      case 6 -> {
        mutation = "number:raw";
        String key = pick(new ArrayList<>(body.fieldNames()));
        body.put(key, "__N__");
        String token = random.nextBoolean()
            ? pick(List.of("NaN", "Infinity", "-Infinity", "1e99999", "0x10", "01", ".5", "+1", "1_000"))
            : pick(EVIL_NUMBERS);
        text = body.encode().replace("\"__N__\"", token);
      }
      case 7 -> {
        mutation = "nesting:deep";
        int depth = pick(List.of(31, 33, 40, 200, 5000));
        text = body.encode().replaceFirst("\\{", "{\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + ",");
      }
      case 8 -> {
        mutation = "keys:duplicate";
        String key = pick(new ArrayList<>(body.fieldNames()));
        text = body.encode().replaceFirst("\\{", "{\"" + key + "\":" + pick(List.of("1", "null", "\"x\"", "[]")) + ",");
      }
      case 9 -> {
        mutation = "json:truncated";
        String full = body.encode();
        text = full.substring(0, random.nextInt(full.length()));
      }
      case 10 -> {
        mutation = "content-type:wrong";
        text = body.encode();
        String type = pick(CONTENT_TYPES);
        if (type.isEmpty()) {
          headers.remove("Content-Type");
        } else {
          headers.put("Content-Type", type);
        }
      }
      case 11 -> {
        mutation = "content-encoding:lying-gzip";
        text = body.encode();
        headers.put("Content-Encoding", pick(List.of("gzip", "deflate", "br", "gzip, gzip", "identity, gzip")));
      }
      case 12 -> {
        mutation = "size:2MB";
        text = body.put("pad", "x".repeat(random.nextBoolean() ? 2 * 1024 * 1024 : maxBodyBytes)).encode();
      }
      case 13 -> {
        mutation = "root:not-an-object";
        text = pick(List.of("[]", "null", "1", "\"text\"", "true", "[{}]", "{}", "", " ", "\u0000", "{\"\u0000\":1}"));
      }
      case 14 -> {
        mutation = "string:long";
        text = replaceLeaf(body, "z".repeat(pick(List.of(20_001, 65_537, 262_145, 500_000)))).encode();
      }
      default -> {
        mutation = "bytes:invalid-utf8";
        byte[] valid = body.encode().getBytes(StandardCharsets.UTF_8);
        byte[] broken = valid.clone();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
          broken[random.nextInt(broken.length)] = (byte) (int) pick(List.of(0xff, 0xc3, 0x80, 0xed, 0x00));
        }
        return new FuzzRequest("POST", target, headers, broken, mutation);
      }
    }
    return new FuzzRequest("POST", target, headers, text.getBytes(StandardCharsets.UTF_8), mutation);
  }

  private Object randomValue() {
    return switch (random.nextInt(6)) {
      case 0 -> Long.parseLong(pick(List.of("0", "-1", "9223372036854775807", "-9223372036854775808", "2147483648")));
      case 1 -> pick(List.of(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 0.1, -1.5));
      case 2 -> null;
      case 3 -> random.nextBoolean();
      default -> pick(EVIL_TEXT);
    };
  }

  /** A random object inside the body (the root or a nested one). */
  private JsonObject pickObject(JsonObject root) {
    List<JsonObject> objects = new ArrayList<>();
    collectObjects(root, objects);
    return pick(objects);
  }

  private static void collectObjects(Object node, List<JsonObject> into) {
    if (node instanceof JsonObject object) {
      into.add(object);
      object.forEach(e -> collectObjects(e.getValue(), into));
    } else if (node instanceof JsonArray array) {
      array.forEach(v -> collectObjects(v, into));
    }
  }

  private JsonObject replaceLeaf(JsonObject root, Object value) {
    JsonObject target = pickObject(root);
    if (target.isEmpty()) {
      target.put("x", value);
    } else {
      target.put(pick(new ArrayList<>(target.fieldNames())), value);
    }
    return root;
  }

  private void removeKey(JsonObject root) {
    JsonObject target = pickObject(root);
    if (!target.isEmpty()) {
      target.remove(pick(new ArrayList<>(target.fieldNames())));
    }
  }
}
