package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * POST /webhooks/grafana end to end with Grafana's documented contact-point payload: one item per
 * alert fingerprint, a re-sent notification counts nothing new, a new firing counts an occurrence,
 * a resolved alert resolves its item; a shared secret in {@code Authorization: Bearer} authenticates.
 */
@ExtendWith(VertxExtension.class)
class GrafanaWebhookTest {

  private static final String SECRET = "gf-shared";
  private static RunningApp app;
  private static Http keyless;

  @BeforeAll
  static void start(Vertx vertx) {
    app = RunningApp.start(vertx, new JsonObject().put("http", new JsonObject().put("security", new JsonObject()
        .put("webhooks", new JsonObject().put("grafana", new JsonObject().put("secrets", new JsonArray().add(SECRET)))))));
    keyless = app.http().withApiKey(null);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** Grafana's documented example with fresh fingerprints (the database is shared by the tests). */
  private static JsonObject documented() throws Exception {
    JsonObject payload = new JsonObject(Files.readString(Path.of("src/test/resources/vendor/grafana-alerting-firing.json")));
    for (Object alert : payload.getJsonArray("alerts")) {
      JsonObject a = (JsonObject) alert;
      a.put("fingerprint", a.getString("fingerprint") + "-" + UUID.randomUUID().toString().substring(0, 8));
    }
    return payload;
  }

  private static HttpResponse<Buffer> send(JsonObject body, String authorization) {
    HttpRequest<Buffer> request = keyless.request(HttpMethod.POST, "/webhooks/grafana")
        .putHeader("Content-Type", "application/json");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return TestApp.await(request.sendBuffer(body.toBuffer()));
  }

  private static JsonArray ok(JsonObject body) {
    HttpResponse<Buffer> response = send(body, "Bearer " + SECRET);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("alerts");
  }

  private static JsonObject item(String id) {
    return app.http().get("/work-items/" + id).bodyAsJsonObject();
  }

  @Test
  void firing_opens_one_item_per_fingerprint_repeats_count_and_resolved_resolves() throws Exception {
    JsonObject payload = documented();
    JsonObject memory = payload.getJsonArray("alerts").getJsonObject(0);
    memory.getJsonObject("labels").put("severity", "critical").put("service", "checkout");
    String f1 = memory.getString("fingerprint");

    JsonArray first = ok(payload);
    assertThat(first).hasSize(2);
    assertThat(first.getJsonObject(0).getString("action")).isEqualTo("created");
    assertThat(first.getJsonObject(0).getString("key")).isEqualTo(f1);
    String id1 = first.getJsonObject(0).getString("work_item_id");
    String id2 = first.getJsonObject(1).getString("work_item_id");
    assertThat(id1).isNotEqualTo(id2);

    JsonObject one = item(id1);
    assertThat(one.getString("source")).isEqualTo("grafana");
    assertThat(one.getString("type")).isEqualTo("alert");
    assertThat(one.getString("service")).isEqualTo("checkout");
    assertThat(one.getString("severity")).isEqualTo("sev1");
    assertThat(one.getString("description"))
        .isEqualTo("This alert was triggered for zone us-1\n\nThe system has high memory usage");
    assertThat(one.getString("source_key")).isEqualTo(f1);
    assertThat(one.getJsonObject("source_refs").getString("receiver")).isEqualTo("My Super Webhook");
    // The documented alert as it is: no service or severity label.
    JsonObject two = item(id2);
    assertThat(two.getString("service")).isEqualTo("unknown");
    assertThat(two.getString("severity")).isEqualTo("sev3");

    // Grafana re-sending the same notification (repeat interval): the same firing, nothing new.
    JsonArray again = ok(payload);
    assertThat(again.getJsonObject(0).getString("action")).isEqualTo("updated");
    assertThat(again.getJsonObject(0).getString("work_item_id")).isEqualTo(id1);
    assertThat(item(id1).getInteger("occurrence_count")).isEqualTo(1);

    // A new firing of the same fingerprint (a new startsAt): one more occurrence on the open item.
    memory.put("startsAt", "2021-10-12T11:00:00.000+02:00");
    ok(payload);
    assertThat(item(id1).getInteger("occurrence_count")).isEqualTo(2);

    // Resolved: the item is resolved through the ordinary outcome path.
    JsonObject resolved = payload.copy().put("status", "resolved");
    resolved.getJsonArray("alerts").remove(1);
    resolved.getJsonArray("alerts").getJsonObject(0).put("status", "resolved").put("endsAt", "2021-10-12T11:30:00+02:00");
    JsonArray closing = ok(resolved);
    assertThat(closing.getJsonObject(0).getString("action")).isEqualTo("resolved");
    assertThat(item(id1).getString("status")).isEqualTo("resolved");
    assertThat(item(id2).getString("status")).isEqualTo("open");
    assertThat(app.text("SELECT timestamp || '|' || actor_id FROM outcomes WHERE work_item_id = '" + id1 + "'"))
        .isEqualTo("2021-10-12T09:30:00Z|grafana");
  }

  @Test
  void bad_payloads_are_400_naming_the_field_and_store_nothing() throws Exception {
    long before = app.count("SELECT count(*) FROM work_items");
    JsonObject noFingerprint = documented();
    noFingerprint.getJsonArray("alerts").getJsonObject(1).remove("fingerprint");
    assertThat(PagerDutyWebhookTest.fields(send(noFingerprint, "Bearer " + SECRET)))
        .containsExactly("alerts[1].fingerprint");

    JsonObject numericLabel = documented();
    numericLabel.getJsonArray("alerts").getJsonObject(0).getJsonObject("labels").put("replicas", 3);
    assertThat(PagerDutyWebhookTest.fields(send(numericLabel, "Bearer " + SECRET)))
        .containsExactly("alerts[0].labels.replicas");

    JsonObject pending = documented();
    pending.getJsonArray("alerts").getJsonObject(0).put("status", "pending");
    assertThat(PagerDutyWebhookTest.fields(send(pending, "Bearer " + SECRET))).containsExactly("alerts[0].status");
    assertThat(app.count("SELECT count(*) FROM work_items")).isEqualTo(before);
  }

  @Test
  void without_the_shared_secret_it_is_401_and_nothing_is_stored() throws Exception {
    long before = app.count("SELECT count(*) FROM work_items");
    for (String authorization : new String[] {null, "Bearer wrong", SECRET + "x"}) {
      HttpResponse<Buffer> response = send(documented(), authorization);
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(401);
      assertThat(response.bodyAsJsonObject().getJsonArray("details").getJsonObject(0).getString("field"))
          .isEqualTo("Authorization");
    }
    assertThat(app.count("SELECT count(*) FROM work_items")).isEqualTo(before);
  }
}
