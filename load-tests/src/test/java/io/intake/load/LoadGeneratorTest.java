package io.intake.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generator against a local server that counts what arrives and fails every tenth request. */
class LoadGeneratorTest {

  private static Vertx vertx;
  private static HttpServer server;
  private static final AtomicInteger received = new AtomicInteger();
  private static final AtomicInteger inFlight = new AtomicInteger();
  private static final AtomicInteger maxInFlight = new AtomicInteger();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = TestApp.await(vertx.createHttpServer().requestHandler(req -> {
      int n = received.incrementAndGet();
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      assertThat(req.getHeader("X-API-Key")).isEqualTo("k");
      // Answer a little later so requests overlap.
      vertx.setTimer(2, t -> {
        inFlight.decrementAndGet();
        req.response().setStatusCode(n % 10 == 0 ? 503 : 201).end("{}");
      });
    }).listen(0, "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    TestApp.await(vertx.close());
  }

  private static LoadTarget target() {
    return new LoadTarget(vertx, "127.0.0.1", server.actualPort(), "k");
  }

  @Test
  void closedLoopSendsExactlyTheRequestedNumberWithTheGivenConcurrency() {
    received.set(0);
    maxInFlight.set(0);
    LoadResult result = TestApp.await(LoadGenerator.run(target(), Scenarios.duplicateStorm("t"),
        LoadGenerator.Settings.closed(8, 500)));
    assertThat(result.requests()).isEqualTo(500);
    assertThat(received.get()).isEqualTo(500);
    assertThat(result.statuses()).containsEntry(201, 450L).containsEntry(503, 50L);
    assertThat(result.units()).isEqualTo(450);
    assertThat(result.failures(s -> s / 100 == 2)).isEqualTo(50);
    assertThat(maxInFlight.get()).isBetween(2, 8);
    assertThat(result.percentileMs(50)).isGreaterThanOrEqualTo(1.0);
    assertThat(result.percentileMs(99)).isGreaterThanOrEqualTo(result.percentileMs(50));
  }

  @Test
  void openLoopKeepsItsScheduleAndRecordsNothingDuringTheWarmup() {
    received.set(0);
    LoadResult result = TestApp.await(LoadGenerator.run(target(), Scenarios.duplicateStorm("t"),
        LoadGenerator.Settings.open(200, Duration.ofSeconds(2)).withWarmup(Duration.ofMillis(500))));
    // 200/s for 2.5 s sent, 2 s of it recorded.
    assertThat(received.get()).isBetween(460, 510);
    assertThat(result.requests()).isBetween(370L, 410L);
    assertThat(result.requestRate()).isBetween(170.0, 215.0);
  }

  @Test
  void aRefusedConnectionIsCountedAsNoAnswer() {
    LoadTarget nowhere = new LoadTarget(vertx, "127.0.0.1", TestApp.freePort(), "k");
    LoadResult result = TestApp.await(LoadGenerator.run(nowhere, Scenarios.duplicateStorm("t"),
        LoadGenerator.Settings.closed(2, 10)));
    assertThat(result.statuses()).containsOnlyKeys(LoadResult.NO_ANSWER);
    assertThat(result.units()).isZero();
  }
}
