package io.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.Addresses;
import io.intake.ops.Drain;
import io.intake.ops.ShutdownSettings;
import io.intake.support.TestApp;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link GracefulShutdown} in process, on an HTTP-only member of a Vert.x instance of its own (the
 * shutdown closes it): with nothing in flight it completes at once after the grace; with a request
 * that never ends it gives up at the timeout, reports that something was abandoned, and still
 * closes Vert.x. The clients run on the test's own Vert.x.
 */
@ExtendWith(VertxExtension.class)
class GracefulShutdownTimeoutTest {

  private Vertx server;

  @AfterEach
  void close() {
    if (server != null) {
      TestApp.await(server.close());
    }
  }

  private GracefulShutdown start(int port, ShutdownSettings settings) {
    server = Vertx.vertx();
    MainVerticle main = new MainVerticle();
    JsonObject overrides = new JsonObject().put("verticles", new JsonArray().add("http"))
        .put("http", new JsonObject().put("port", port).put("host", "127.0.0.1").put("instances", 1)
            // The request below waits for the bus longer than the shutdown may take.
            .put("bus_timeout_ms", 60_000));
    TestApp.await(server.deployVerticle(main, new DeploymentOptions().setConfig(new JsonObject().put("overrides", overrides))));
    GracefulShutdown shutdown = new GracefulShutdown(server, settings, main);
    shutdown.serving();
    return shutdown;
  }

  @Test
  void with_nothing_in_flight_it_completes_after_the_grace(Vertx vertx) {
    GracefulShutdown shutdown = start(TestApp.freePort(), new ShutdownSettings(10_000, 200));
    long began = System.nanoTime();
    assertThat(shutdown.runAndWait()).isTrue();
    long tookMs = (System.nanoTime() - began) / 1_000_000;
    assertThat(tookMs).isBetween(200L, 5_000L);
    assertThat(server.deploymentIDs()).as("Vert.x closed").isEmpty();
    server = null;
  }

  @Test
  void a_request_that_never_ends_is_abandoned_at_the_timeout(Vertx vertx) {
    int port = TestApp.freePort();
    GracefulShutdown shutdown = start(port, new ShutdownSettings(2_000, 100));
    // Normalization that never answers: the request stays in flight.
    io.vertx.core.Promise<Void> registered = io.vertx.core.Promise.promise();
    server.eventBus().consumer(Addresses.NORMALIZE, message -> { }).completionHandler(registered);
    TestApp.await(registered.future());
    HttpClient client = vertx.createHttpClient();
    Future<Integer> stuck = client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
            .setPort(port).setURI("/ingest/demo").putHeader("Content-Type", "application/json")
            .putHeader("X-API-Key", TestApp.API_KEY))
        .compose(request -> request.send(Buffer.buffer(new JsonObject().put("service", "s").put("severity", "sev3")
            .put("description", "never answered").encode())))
        .map(response -> response.statusCode());
    TestApp.eventually(Duration.ofSeconds(10), () -> Drain.of(server).inFlight() == 1);

    long began = System.nanoTime();
    assertThat(shutdown.runAndWait()).as("something was abandoned").isFalse();
    long tookMs = (System.nanoTime() - began) / 1_000_000;
    assertThat(tookMs).as("gave up at the timeout, not the request's own 60 s").isBetween(1_000L, 4_500L);
    assertThat(server.deploymentIDs()).as("Vert.x closed anyway").isEmpty();
    server = null;
    TestApp.eventually(Duration.ofSeconds(10), stuck::isComplete);
    assertThat(stuck.failed()).as("the abandoned request got no answer, its connection closed").isTrue();
  }
}
