package io.intake.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.Addresses;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of identical demo events at once with a dedup window: one item, every repeat counted
 * exactly once and acknowledged only after its transaction, fewer transactions than requests.
 */
class DuplicateStormTest {

  private static Vertx vertx;
  private static RunningApp app;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    app = RunningApp.start(vertx, new JsonObject()
        .put("normalization", new JsonObject().put("sources", new JsonObject()
            .put("demo", new JsonObject().put("dedup_window_seconds", 3600))))
        .put("http", new JsonObject().put("security", new JsonObject()
            .put("rate_limit", new JsonObject().put("requests_per_second", 100_000).put("burst", 100_000)))));
  }

  @AfterAll
  static void stop() {
    app.close();
    TestApp.await(vertx.close());
  }

  @Test
  void aStormOfRepeatsBecomesOneItemCountedOncePerRequest() {
    int requests = 600;
    AtomicInteger occurrenceEvents = new AtomicInteger();
    AtomicInteger lastCount = new AtomicInteger();
    MessageConsumer<JsonObject> events = vertx.eventBus().consumer(Addresses.WORKITEM_UPDATED, m -> {
      JsonObject changes = m.body().getJsonObject("changes");
      if ("occurrence".equals(m.body().getString("cause"))) {
        occurrenceEvents.incrementAndGet();
        lastCount.accumulateAndGet(changes.getInteger("occurrence_count"), Math::max);
      }
    });
    JsonObject body = new JsonObject().put("service", "storm-service").put("severity", "sev2")
        .put("description", "Disk full on /var/lib/postgresql");
    WebClient client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(64));
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      sent.add(client.post(app.http().port(), "127.0.0.1", "/ingest/demo")
          .putHeader("X-API-Key", TestApp.API_KEY).sendJsonObject(body));
    }
    TestApp.await(Future.all(sent));
    client.close();

    List<HttpResponse<Buffer>> answers = sent.stream().map(Future::result).toList();
    assertThat(answers.stream().filter(r -> r.statusCode() == 201)).hasSize(1);
    assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(requests - 1);
    assertThat(answers.stream().map(r -> r.bodyAsJsonObject().getString("work_item_id")).distinct()).hasSize(1);
    // Each repeat got its own place in the count: 2..N, no two the same (the 201 is the first).
    assertThat(answers.stream().filter(r -> r.statusCode() == 200)
        .map(r -> r.bodyAsJsonObject().getInteger("occurrence_count")).collect(Collectors.toSet()))
        .isEqualTo(IntStream.rangeClosed(2, requests).boxed().collect(Collectors.toSet()));
    String id = answers.get(0).bodyAsJsonObject().getString("work_item_id");
    assertThat(app.count("SELECT occurrence_count FROM work_items WHERE id = '" + id + "'")).isEqualTo(requests);
    assertThat(app.count("SELECT count(*) FROM work_items WHERE service = 'storm-service'")).isEqualTo(1);

    // Published once per transaction, the last one with the final count.
    TestApp.eventually(java.time.Duration.ofSeconds(10), () -> lastCount.get() == requests);
    assertThat(occurrenceEvents.get()).isLessThan(requests - 1);
    events.unregister();
  }
}
