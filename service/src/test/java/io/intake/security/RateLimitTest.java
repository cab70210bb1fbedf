package io.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-key token buckets over real HTTP with a small configured rate (1 request/s, burst 3), so a
 * burst runs out at once and recovery takes about a second: polled with a deadline, never slept.
 */
@ExtendWith(VertxExtension.class)
class RateLimitTest {

  private static RunningApp app;

  @BeforeAll
  static void start(Vertx vertx) {
    app = RunningApp.start(vertx, new JsonObject().put("http", new JsonObject()
        // Two HTTP verticles: the bucket of a key is shared by both, not one per instance.
        .put("instances", 2)
        .put("security", new JsonObject()
            .put("api_keys", new JsonObject()
                .put("ingest", new JsonArray().add("burst-key").add("calm-key"))
                .put("admin", new JsonArray().add("admin-key")))
            .put("rate_limit", new JsonObject().put("requests_per_second", 1).put("burst", 3)))));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void a_burst_beyond_the_bucket_gets_429_with_retry_after_and_the_key_recovers() {
    Http burst = app.http().withApiKey("burst-key");
    JsonObject item = new JsonObject().put("service", "rl-svc").put("severity", "sev3").put("description", "burst");
    Http calm = app.http().withApiKey("calm-key");
    long started = System.nanoTime();
    // In parallel: several connections, spread over both HTTP verticle instances.
    List<Future<HttpResponse<Buffer>>> sends = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sends.add(burst.request(HttpMethod.POST, "/ingest/demo").sendJsonObject(item));
    }
    TestApp.await(Future.join(sends));
    double elapsedSeconds = (System.nanoTime() - started) / 1e9;
    List<HttpResponse<Buffer>> answers = sends.stream().map(Future::result).toList();
    List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).toList();
    long created = statuses.stream().filter(s -> s == 201).count();
    assertThat(created).as("the whole burst is available").isGreaterThanOrEqualTo(3);
    assertThat(created).as("burst 3 plus 1/s refill over %.2f s", elapsedSeconds)
        .isLessThanOrEqualTo(3 + (long) Math.floor(elapsedSeconds));
    assertThat(statuses).contains(429);
    assertThat(app.count("SELECT count(*) FROM work_items WHERE service = 'rl-svc'")).as("refused requests stored nothing").isEqualTo(created);

    HttpResponse<Buffer> refused = answers.get(statuses.lastIndexOf(429));
    assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 2);
    JsonObject body = refused.bodyAsJsonObject();
    assertThat(body.getString("error")).isEqualTo("rate_limited");
    assertThat(body.getString("message")).isEqualTo("Rate limit exceeded: 1 requests per second per API key, burst 3");
    assertThat(body.getJsonArray("details").getJsonObject(0).getString("rule")).isEqualTo("rate_limit");
    assertThat(refused.getHeader("X-RateLimit-Limit")).isEqualTo("1");

    // Another key has its own bucket; probes are never limited.
    assertThat(calm.get("/work-items?limit=1").statusCode()).isEqualTo(200);
    assertThat(burst.get("/healthz").statusCode()).isEqualTo(200);

    TestApp.eventually(Duration.ofSeconds(5), () -> burst.get("/work-items?limit=1").statusCode() == 200);
  }
}
