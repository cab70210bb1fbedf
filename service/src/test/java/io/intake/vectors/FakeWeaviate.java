package io.intake.vectors;

import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weaviate, played by a real HTTP server on loopback: the part of its REST API that the Java
 * client 5.x uses in REST mode, with Weaviate's answer shapes, including its errors —
 * <ul>
 *   <li>{@code GET /v1/meta} (the client asks for the version before data and batch calls);</li>
 *   <li>{@code GET /v1/schema/{class}} (404 with no body when missing), {@code POST /v1/schema}
 *       (422 {@code {"error":[{"message":…}]}} when the class exists);</li>
 *   <li>{@code POST /v1/batch/objects}: 200 with one answer per object, refused ones carrying
 *       {@code result.errors.error[].message} and status FAILED;</li>
 *   <li>{@code POST /v1/graphql}: {@code Get} with nearVector, where and limit, over real cosine
 *       distances; errors as 200 {@code {"errors":[{"message":…}]}};</li>
 *   <li>{@code PATCH /v1/objects/{class}/{id}} (merge; 204, or 404 with no body) and
 *       {@code GET /v1/objects/{class}/{id}} (the batcher looks objects up after a timeout).</li>
 * </ul>
 * It can refuse chosen objects, answer 500 to everything, answer late, require an API key,
 * close its port and come back with its data.
 */
final class FakeWeaviate {

  enum Mode { OK, FAIL, SLOW }

  private static final Pattern CLASS_PATH = Pattern.compile("/v1/schema/([^/]+)");
  private static final Pattern OBJECT_PATH = Pattern.compile("/v1/objects/(?:([^/]+)/)?([^/]+)");

  private final Vertx vertx;
  private final int port;
  private final Map<String, JsonObject> classes = new ConcurrentHashMap<>();
  final FakeWeaviateObjects objects = new FakeWeaviateObjects(classes);
  private final Map<String, String> refusals = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> queries = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.OK;
  private volatile long slowMs = 3000;
  private volatile String apiKey;
  private HttpServer server;

  FakeWeaviate(Vertx vertx) {
    this.vertx = vertx;
    this.port = TestApp.freePort();
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  FakeWeaviate start() {
    server = TestApp.await(vertx.createHttpServer()
        .requestHandler(request -> request.body().onSuccess(body -> arrive(request, body)))
        .listen(port, "127.0.0.1"));
    return this;
  }

  /** Closes the port (connections are refused) but keeps classes and objects for {@link #start()}. */
  void stop() {
    if (server != null) {
      TestApp.await(server.close());
      server = null;
    }
  }

  void mode(Mode mode) {
    this.mode = mode;
  }

  void slowMs(long slowMs) {
    this.slowMs = slowMs;
  }

  void requireApiKey(String key) {
    this.apiKey = key;
  }

  /** Batches refuse the object with this work_item_id, with Weaviate's kind of message. */
  void refuse(String workItemId, String message) {
    refusals.put(workItemId, message);
  }

  /** "METHOD /path" of every request that reached it, in order. */
  List<String> requests() {
    return requests;
  }

  long count(String methodAndPath) {
    return requests.stream().filter(methodAndPath::equals).count();
  }

  /** Every GraphQL query text received. */
  List<String> queries() {
    return queries;
  }

  JsonObject schemaClass(String name) {
    return classes.get(name);
  }

  /** Adds a class as if someone else had created it. */
  void putClass(JsonObject definition) {
    classes.put(definition.getString("class"), FakeWeaviateObjects.withDefaults(definition));
  }

  private void arrive(HttpServerRequest request, Buffer body) {
    requests.add(request.method().name() + " " + request.path());
    if (apiKey != null && !("Bearer " + apiKey).equals(request.getHeader("Authorization"))) {
      String message = request.getHeader("Authorization") == null
          ? "anonymous access not enabled, please provide an auth scheme such as OIDC"
          : "unauthorized: invalid api key";
      reply(request, 401, new JsonObject().put("code", 401).put("message", message));
      return;
    }
    switch (mode) {
      case FAIL -> reply(request, 500, errorBody("fake weaviate: injected internal error"));
      case SLOW -> vertx.setTimer(slowMs, t -> route(request, body));
      case OK -> route(request, body);
    }
  }

  private void route(HttpServerRequest request, Buffer body) {
    String method = request.method().name();
    String path = request.path();
    Matcher classPath = CLASS_PATH.matcher(path);
    Matcher objectPath = OBJECT_PATH.matcher(path);
    if (method.equals("GET") && path.equals("/v1/meta")) {
      reply(request, 200, new JsonObject().put("hostname", "http://[::]:8080").put("modules", new JsonObject())
          .put("version", "1.25.4"));
    } else if (method.equals("GET") && classPath.matches()) {
      JsonObject found = classes.get(classPath.group(1));
      if (found == null) {
        reply(request, 404, null);
      } else {
        reply(request, 200, found);
      }
    } else if (method.equals("POST") && path.equals("/v1/schema")) {
      createClass(request, body.toJsonObject());
    } else if (method.equals("POST") && path.equals("/v1/batch/objects")) {
      reply(request, 200, objects.batch(body.toJsonObject(), refusals));
    } else if (method.equals("POST") && path.equals("/v1/graphql")) {
      String query = body.toJsonObject().getString("query");
      queries.add(query);
      reply(request, 200, objects.graphQl(query));
    } else if (method.equals("PATCH") && objectPath.matches()) {
      FakeWeaviateObjects.Answer answer = objects.merge(objectPath.group(1), objectPath.group(2), body.toJsonObject());
      reply(request, answer.status(), answer.body());
    } else if (method.equals("GET") && objectPath.matches()) {
      JsonObject found = objects.get(objectPath.group(1), objectPath.group(2), "vector".equals(request.getParam("include")));
      reply(request, found == null ? 404 : 200, found);
    } else {
      reply(request, 404, new JsonObject().put("code", 404).put("message", "path " + path + " was not found"));
    }
  }

  private void createClass(HttpServerRequest request, JsonObject definition) {
    String name = definition.getString("class");
    if (name == null || !Character.isUpperCase(name.charAt(0))) {
      reply(request, 422, errorBody("'" + name + "' is not a valid class name"));
      return;
    }
    for (Object p : definition.getJsonArray("properties", new JsonArray())) {
      if ("id".equals(((JsonObject) p).getString("name"))) {
        reply(request, 422, errorBody("'id' is a reserved property name"));
        return;
      }
    }
    JsonObject stored = FakeWeaviateObjects.withDefaults(definition);
    if (classes.putIfAbsent(name, stored) != null) {
      reply(request, 422, errorBody("class name \"" + name + "\" already exists"));
      return;
    }
    reply(request, 200, stored);
  }

  static JsonObject errorBody(String message) {
    return new JsonObject().put("error", new JsonArray().add(new JsonObject().put("message", message)));
  }

  private static void reply(HttpServerRequest request, int status, Object body) {
    var response = request.response().setStatusCode(status);
    if (body == null) {
      response.end().onFailure(ignored -> { }); // the client may have given up already
      return;
    }
    response.putHeader("Content-Type", "application/json")
        .end(body instanceof JsonObject o ? o.encode() : ((JsonArray) body).encode())
        .onFailure(ignored -> { });
  }

  /** Weaviate's date type: RFC 3339. */
  static boolean isDate(Object value) {
    if (!(value instanceof String s)) {
      return false;
    }
    try {
      OffsetDateTime.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  static boolean isUuid(String value) {
    try {
      return value != null && UUID.fromString(value).toString().equalsIgnoreCase(value);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
