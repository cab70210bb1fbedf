package io.intake.security;

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
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signed webhooks against the whole program: with a secret configured, the signature (not an API
 * key) authenticates the sender, and a bad, missing or stale one is 401 with nothing stored.
 */
@ExtendWith(VertxExtension.class)
class WebhookSignatureTest {

  private static RunningApp app;
  private static Http keyless;

  @BeforeAll
  static void start(Vertx vertx) {
    app = RunningApp.start(vertx, new JsonObject().put("http", new JsonObject().put("security", new JsonObject()
        .put("api_keys", new JsonObject().put("webhooks", new JsonArray().add("hook-key")))
        .put("webhooks", new JsonObject()
            // Ours rotating: the new secret and the old one are both accepted until the old is removed.
            .put("jira", new JsonObject().put("secrets", new JsonArray().add("jira-new").add("jira-old")))
            .put("pagerduty", new JsonObject().put("secrets", new JsonArray().add("pd-secret")))
            .put("datadog", new JsonObject().put("secrets", new JsonArray().add("dd-shared")))
            .put("alertmanager", new JsonObject().put("secrets", new JsonArray().add("am-shared")))))));
    keyless = app.http().withApiKey(null);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<Buffer> send(String path, String body, String header, String value) {
    HttpRequest<Buffer> request = keyless.request(HttpMethod.POST, path).putHeader("Content-Type", "application/json");
    if (header != null) {
      request.putHeader(header, value);
    }
    return TestApp.await(request.sendBuffer(Buffer.buffer(body)));
  }

  private static String hmac(String secret, String body) {
    return WebhookSignatures.hmacSha256Hex(secret, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertRefused(HttpResponse<Buffer> response, String header) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(401);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("error")).isEqualTo("unauthorized");
    assertThat(body.getString("message")).isEqualTo("Missing or invalid webhook signature");
    assertThat(body.getJsonArray("details").getJsonObject(0).getString("field")).isEqualTo(header);
    assertThat(body.getJsonArray("details").getJsonObject(0).getString("rule")).isEqualTo("signature");
  }

  static String jiraIssue(String key) {
    return new JsonObject().put("webhookEvent", "jira:issue_created").put("issue", new JsonObject().put("key", key)
        .put("fields", new JsonObject().put("summary", "Signed issue").put("project", new JsonObject().put("key", "SIG"))))
        .encode();
  }

  @Test
  void jira_x_hub_signature_with_either_rotating_secret_is_accepted_and_anything_else_refused() {
    String body = jiraIssue("SIG-1");
    assertThat(send("/webhooks/jira", body, "X-Hub-Signature", "sha256=" + hmac("jira-new", body)).statusCode()).isEqualTo(200);
    String old = jiraIssue("SIG-2");
    assertThat(send("/webhooks/jira", old, "X-Hub-Signature", "sha256=" + hmac("jira-old", old)).statusCode()).isEqualTo(200);

    String refused = jiraIssue("SIG-3");
    assertRefused(send("/webhooks/jira", refused, "X-Hub-Signature", "sha256=" + hmac("jira-retired", refused)), "X-Hub-Signature");
    assertRefused(send("/webhooks/jira", refused, null, null), "X-Hub-Signature");
    assertRefused(send("/webhooks/jira", refused, "X-Hub-Signature", "sha256=" + hmac("jira-new", jiraIssue("SIG-4"))),
        "X-Hub-Signature");
    assertRefused(send("/webhooks/jira", refused, "X-Hub-Signature", hmac("jira-new", refused)), "X-Hub-Signature");
    // A signed source does not fall back to the API key.
    HttpResponse<Buffer> keyOnly = TestApp.await(keyless.request(HttpMethod.POST, "/webhooks/jira")
        .putHeader("X-API-Key", "hook-key").putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(refused)));
    assertRefused(keyOnly, "X-Hub-Signature");
    assertThat(app.count("SELECT count(*) FROM work_items WHERE jira_issue_key IN ('SIG-1', 'SIG-2')")).isEqualTo(2);
    assertThat(app.count("SELECT count(*) FROM work_items WHERE jira_issue_key IN ('SIG-3', 'SIG-4')")).isZero();
  }

  @Test
  void pagerduty_signatures_one_of_several_values_must_match() {
    String key = "sig-" + UUID.randomUUID();
    String body = new JsonObject().put("routing_key", "rk").put("event_action", "trigger").put("dedup_key", key)
        .put("payload", new JsonObject().put("summary", "Signed trigger").put("source", "host-1").put("severity", "error"))
        .encode();
    String good = "v1=" + hmac("pd-secret", body);
    String stale = "v1=" + hmac("pd-previous", body);
    assertRefused(send("/webhooks/pagerduty", body, "X-PagerDuty-Signature", stale), "X-PagerDuty-Signature");
    assertRefused(send("/webhooks/pagerduty", body, null, null), "X-PagerDuty-Signature");
    assertThat(app.count("SELECT count(*) FROM work_items WHERE source_key = '" + key + "'")).isZero();

    HttpResponse<Buffer> rotated = send("/webhooks/pagerduty", body, "X-PagerDuty-Signature", stale + "," + good);
    assertThat(rotated.statusCode()).as(rotated.bodyAsString()).isEqualTo(202);
    assertThat(app.count("SELECT count(*) FROM work_items WHERE source_key = '" + key + "'")).isEqualTo(1);
  }

  @Test
  void datadog_and_alertmanager_carry_a_shared_secret_header() {
    String dd = new JsonObject().put("id", "sig-dd-1").put("title", "Signed monitor").put("alert_cycle_key", "sig-cycle").encode();
    assertRefused(send("/webhooks/datadog", dd, "X-Webhook-Secret", "dd-wrong"), "X-Webhook-Secret");
    assertRefused(send("/webhooks/datadog", dd, "Authorization", "Bearer dd-shared"), "X-Webhook-Secret");
    assertThat(send("/webhooks/datadog", dd, "X-Webhook-Secret", "dd-shared").statusCode()).isEqualTo(200);

    String am = new JsonObject().put("alerts", new JsonArray().add(new JsonObject().put("fingerprint", "sig-am")
        .put("status", "firing").put("labels", new JsonObject().put("alertname", "Signed")))).encode();
    assertRefused(send("/webhooks/alertmanager", am, "Authorization", "Bearer am-wrong"), "Authorization");
    assertRefused(send("/webhooks/alertmanager", am, null, null), "Authorization");
    assertThat(send("/webhooks/alertmanager", am, "Authorization", "Bearer am-shared").statusCode()).isEqualTo(200);
    assertThat(app.count("SELECT count(*) FROM work_items WHERE source_key IN ('title:Signed monitor', 'sig-am')")).isEqualTo(2);
  }
}
