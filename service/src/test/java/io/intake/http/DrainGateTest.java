package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.ops.Drain;
import io.intake.support.Http;
import io.intake.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP side of a graceful shutdown ({@link Drain}, {@link DrainGate}), on an HTTP-only member:
 * requests are counted until answered whatever their answer; once draining, readiness is 503,
 * responses close their connection and the console's live streams end; once refusing, new requests
 * get 503 {@code shutting_down} while the probes still answer.
 */
@ExtendWith(VertxExtension.class)
class DrainGateTest {

  private static int start(Vertx vertx) {
    int port = TestApp.freePort();
    TestApp.deploy(vertx, port, new JsonObject().put("verticles", new JsonArray().add("http"))
        .put("http", new JsonObject().put("instances", 2)));
    return port;
  }

  @Test
  void every_answered_request_leaves_the_count(Vertx vertx) {
    int port = start(vertx);
    Drain drain = Drain.of(vertx);
    try (Http http = new Http(vertx, port)) {
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
      assertThat(http.get("/readyz").statusCode()).isEqualTo(503); // no persistence on this member
      assertThat(http.get("/no-such-path").statusCode()).isEqualTo(404);
      assertThat(http.withApiKey(null).get("/work-items").statusCode()).isEqualTo(401);
      assertThat(http.postJson("/ingest/demo", new JsonObject().put("service", "s").put("severity", "sev3")
          .put("description", "d")).statusCode()).isEqualTo(503); // nobody normalizes here
      assertThat(http.post("/ingest/demo", "application/json", "{not json").statusCode()).isEqualTo(400);
      assertThat(http.post("/ingest/demo", "text/plain", "x").statusCode()).isEqualTo(415);
    }
    TestApp.eventually(Duration.ofSeconds(5), () -> drain.inFlight() == 0);
  }

  @Test
  void the_console_stream_ends_when_draining_begins(Vertx vertx) {
    int port = start(vertx);
    Drain drain = Drain.of(vertx);
    HttpClient client = vertx.createHttpClient();
    HttpClientResponse stream = TestApp.await(client.request(new RequestOptions().setHost("127.0.0.1").setPort(port)
            .setURI("/console/events").putHeader("X-API-Key", TestApp.API_KEY))
        .compose(HttpClientRequest::send));
    assertThat(stream.statusCode()).isEqualTo(200);
    Future<Void> ended = stream.end();
    assertThat(drain.inFlight()).as("an open stream is a request in flight").isEqualTo(1);

    drain.begin(60_000);
    TestApp.await(ended, Duration.ofSeconds(5)); // within a push interval, not at the shutdown's timeout
    TestApp.eventually(Duration.ofSeconds(5), () -> drain.inFlight() == 0);
  }

  @Test
  void draining_turns_readiness_off_then_refuses_new_requests(Vertx vertx) {
    int port = start(vertx);
    Drain drain = Drain.of(vertx);
    try (Http http = new Http(vertx, port)) {
      HttpResponse<Buffer> before = http.get("/healthz");
      assertThat(before.getHeader("Connection")).isNotEqualToIgnoringCase("close");

      drain.begin(60_000);
      HttpResponse<Buffer> ready = http.get("/readyz");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.bodyAsJsonObject().getString("reason")).isEqualTo("shutting down");
      HttpResponse<Buffer> served = http.get("/no-such-path");
      assertThat(served.statusCode()).as("still served while not refusing").isEqualTo(404);
      assertThat(served.getHeader("Connection")).isEqualToIgnoringCase("close");
      assertThat(drain.servedWhileDraining()).isGreaterThanOrEqualTo(2);

      drain.begin(0);
      HttpResponse<Buffer> refused = http.get("/work-items");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.getHeader("Connection")).isEqualToIgnoringCase("close");
      assertThat(refused.getHeader("Retry-After")).isNotNull();
      assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("shutting_down");
      assertThat(drain.refusedCount()).isEqualTo(1);
      assertThat(http.get("/healthz").statusCode()).as("liveness answers throughout").isEqualTo(200);
      assertThat(http.get("/readyz").statusCode()).isEqualTo(503);
    }
    TestApp.eventually(Duration.ofSeconds(5), () -> drain.inFlight() == 0);
  }
}
