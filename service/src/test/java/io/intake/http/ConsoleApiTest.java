package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The console's JSON endpoints, its files and its live stream over real HTTP against the whole program. */
@ExtendWith(VertxExtension.class)
class ConsoleApiTest {

  private static RunningApp app;
  private static Http http;
  private static Vertx vertx;

  @BeforeAll
  static void start(Vertx v) {
    vertx = v;
    // A small batch bound, so a burst of distinct items overflows one push.
    app = RunningApp.start(vertx, new JsonObject().put("http", new JsonObject()
        .put("console", new JsonObject().put("max_items_per_batch", 5).put("batch_interval_ms", 1000))));
    http = app.http();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static String create(String service, String severity, String description) {
    HttpResponse<Buffer> r = http.postJson("/work-items", new JsonObject()
        .put("service", service).put("severity", severity).put("description", description));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("work_item_id");
  }

  private static List<String> fields(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonArray("details").stream().map(d -> ((JsonObject) d).getString("field")).toList();
  }

  @Test
  void theFilesNeedNoKeyButEveryDataEndpointDoes() {
    Http anonymous = http.withApiKey(null);
    HttpResponse<Buffer> page = anonymous.get("/ui/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'self'");
    assertThat(anonymous.get("/ui/js/app.js").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/webjars/uplot/1.6.30/dist/uPlot.esm.js").statusCode()).isEqualTo(200);
    for (String path : List.of("/console/work-items", "/console/map", "/console/patterns", "/console/events",
        "/console/work-items/wi_x/outcomes")) {
      assertThat(anonymous.get(path).statusCode()).as(path).isEqualTo(401);
    }
  }

  @Test
  void rootRedirectsBrowsersAndDescribesTheServiceToJsonClients() {
    HttpResponse<Buffer> browser = TestApp.await(http.request(HttpMethod.GET, "/")
        .putHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").followRedirects(false).send());
    assertThat(browser.statusCode()).isEqualTo(302);
    assertThat(browser.getHeader("Location")).isEqualTo("/ui/");
    HttpResponse<Buffer> json = TestApp.await(http.request(HttpMethod.GET, "/").putHeader("Accept", "application/json").send());
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.bodyAsJsonObject().getString("service")).isEqualTo("intake");
    assertThat(json.bodyAsJsonObject().getString("console")).isEqualTo("/ui/");
  }

  @Test
  void listFiltersBySourceAndTextAndSortsLikeItSays() {
    String service = "con-" + UUID.randomUUID().toString().substring(0, 8);
    String a = create(service, "sev3", "Alpha disk 50% full");
    String b = create(service, "sev1", "Beta queue stuck");
    String c = create(service, "sev2", "alpha cache misses");
    http.postJson("/work-items/" + b + "/outcome", new JsonObject().put("type", "resolved").put("actor_id", "u1"));

    JsonObject text = http.get("/console/work-items?service=" + service + "&q=ALPHA").bodyAsJsonObject();
    assertThat(text.getLong("total")).isEqualTo(2);
    assertThat(ids(text)).containsExactly(c, a);
    // Literal match: % is not a wildcard.
    assertThat(http.get("/console/work-items?service=" + service + "&q=50%25").bodyAsJsonObject().getLong("total")).isEqualTo(1);
    assertThat(http.get("/console/work-items?service=" + service + "&q=a%25a").bodyAsJsonObject().getLong("total")).isZero();

    JsonObject bySeverity = http.get("/console/work-items?service=" + service + "&sort=severity&order=asc").bodyAsJsonObject();
    assertThat(ids(bySeverity)).containsExactly(b, c, a);
    assertThat(ids(http.get("/console/work-items?service=" + service + "&source=manual&status=resolved").bodyAsJsonObject()))
        .containsExactly(b);
    assertThat(http.get("/console/work-items?service=" + service + "&source=jira").bodyAsJsonObject().getLong("total")).isZero();

    // The default order is GET /work-items's.
    assertThat(ids(http.get("/console/work-items?service=" + service).bodyAsJsonObject()))
        .isEqualTo(ids(http.get("/work-items?service=" + service).bodyAsJsonObject()));
  }

  @Test
  void badParametersAre400NamingEachField() {
    HttpResponse<Buffer> r = http.get("/console/work-items?sort=description&order=up&severity=sev9&limit=0&q=");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(fields(r)).containsExactlyInAnyOrder("sort", "order", "severity", "limit", "q");
    HttpResponse<Buffer> map = http.get("/console/map?limit=50001");
    assertThat(map.statusCode()).isEqualTo(400);
    assertThat(fields(map)).containsExactly("limit");
  }

  @Test
  void outcomesCarryTheirLearnerDeliveryStateAndAnUnknownItemIs404() {
    String id = create("con-out", "sev2", "Retry storm on the payments queue");
    http.postJson("/work-items/" + id + "/outcome", new JsonObject().put("type", "escalated").put("actor_id", "ana"));
    JsonObject answer = http.get("/console/work-items/" + id + "/outcomes").bodyAsJsonObject();
    JsonArray outcomes = answer.getJsonArray("outcomes");
    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.getJsonObject(0).getString("type")).isEqualTo("escalated");
    // No Learner configured here: the outcome waits in the outbox.
    assertThat(outcomes.getJsonObject(0).getJsonObject("learner_delivery").getString("state")).isEqualTo("pending");
    assertThat(http.get("/console/work-items/wi_unknown/outcomes").statusCode()).isEqualTo(404);
  }

  @Test
  void mapPointsAreTheStoredCoordinatesOfEmbeddedItems() {
    String service = "con-map-" + UUID.randomUUID().toString().substring(0, 8);
    String id = create(service, "sev4", "Certificate for api.example.com expires in 5 days");
    TestApp.eventually(Duration.ofSeconds(30), () -> http.get("/work-items/" + id).bodyAsJsonObject().containsKey("embedding_3d"));
    JsonObject item = http.get("/work-items/" + id).bodyAsJsonObject();
    JsonObject map = http.get("/console/map?service=" + service).bodyAsJsonObject();
    assertThat(map.getInteger("count")).isEqualTo(1);
    assertThat(map.getJsonArray("ids")).containsExactly(id);
    assertThat(map.getJsonArray("severities")).containsExactly("sev4");
    JsonObject xyz = item.getJsonObject("embedding_3d");
    assertThat(map.getJsonArray("xyz").stream().map(o -> ((Number) o).doubleValue()).toList())
        .containsExactly(xyz.getDouble("x"), xyz.getDouble("y"), xyz.getDouble("z"));
  }

  @Test
  void theLiveStreamSendsBatchedEventsAndOverflowsInsteadOfFlooding() {
    HttpClient client = vertx.createHttpClient();
    List<JsonObject> batches = new CopyOnWriteArrayList<>();
    StringBuilder buffer = new StringBuilder();
    HttpClientResponse response = TestApp.await(client.request(new RequestOptions().setHost("127.0.0.1")
            .setPort(http.port()).setURI("/console/events").putHeader("X-API-Key", TestApp.API_KEY)
            .putHeader("Accept", "text/event-stream"))
        .compose(req -> req.send()));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream");
    response.handler(chunk -> {
      synchronized (buffer) {
        buffer.append(chunk.toString());
        int end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          String frame = buffer.substring(0, end);
          buffer.delete(0, end + 2);
          if (frame.startsWith("event: batch")) {
            batches.add(new JsonObject(frame.substring(frame.indexOf("data: ") + 6)));
          }
        }
      }
    });
    try {
      String service = "con-live-" + UUID.randomUUID().toString().substring(0, 8);
      String id = create(service, "sev1", "Live item");
      TestApp.eventually(Duration.ofSeconds(10), () -> batches.stream().anyMatch(b -> events(b).stream()
          .anyMatch(e -> e.getString("id").equals(id) && e.getString("kind").equals("created")
              && service.equals(e.getJsonObject("item").getString("service")))));

      // Sixty distinct items at once, five per push at most: a push says overflow, none carries more than five.
      batches.clear();
      List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        sent.add(http.request(HttpMethod.POST, "/work-items").sendJsonObject(new JsonObject()
            .put("service", service).put("severity", "sev3").put("description", "burst " + i)));
      }
      TestApp.await(Future.all(sent));
      TestApp.eventually(Duration.ofSeconds(10), () -> batches.stream().anyMatch(b -> b.getBoolean("overflow")));
      assertThat(batches).allMatch(b -> events(b).size() <= 5);
    } finally {
      client.close();
    }
  }

  private static List<JsonObject> events(JsonObject batch) {
    return batch.getJsonArray("events").stream().map(o -> (JsonObject) o).toList();
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("work_items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }
}
