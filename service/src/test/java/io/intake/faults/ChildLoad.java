package io.intake.faults;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Closed-loop load on one endpoint of a child Intake: {@code loops} requests in flight, each
 * carrying a unique key; the keys the server acknowledged (the expected 2xx) and those it did not
 * are kept apart, which is what a crash test checks afterwards.
 */
final class ChildLoad {

  /** One request: its unique key and how to send it (the supplier answers null when there is nothing left). */
  record Shot(String key, Function<WebClient, Future<HttpResponse<Buffer>>> send) {
  }

  final String name;
  private final int expectedStatus;
  private final Function<Long, Shot> next;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicLong counter = new AtomicLong();
  final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  final Map<String, String> notAcknowledged = new ConcurrentHashMap<>();
  private final List<Future<Void>> loops = new ArrayList<>();
  private final WebClient client;
  /** Answers by status ("error" for no answer), the slowest answer, and 503s that did not say when to retry. */
  final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
  final AtomicLong slowestMs = new AtomicLong();
  final AtomicLong unavailableWithoutRetryAfter = new AtomicLong();

  ChildLoad(Vertx vertx, int port, String name, int expectedStatus, Function<Long, Shot> next) {
    this.name = name;
    this.expectedStatus = expectedStatus;
    this.next = next;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setConnectTimeout(2000).setMaxPoolSize(16));
  }

  void start(Vertx vertx, int concurrency) {
    for (int i = 0; i < concurrency; i++) {
      io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
      loops.add(done.future());
      vertx.runOnContext(v -> loop(done));
    }
  }

  private void loop(io.vertx.core.Promise<Void> done) {
    if (stopped.get()) {
      done.complete();
      return;
    }
    Shot shot = next.apply(counter.incrementAndGet());
    if (shot == null) { // nothing left to send
      done.complete();
      return;
    }
    long sent = System.nanoTime();
    shot.send().apply(client).onComplete(ar -> {
      long tookMs = (System.nanoTime() - sent) / 1_000_000;
      slowestMs.accumulateAndGet(tookMs, Math::max);
      statuses.computeIfAbsent(ar.succeeded() ? String.valueOf(ar.result().statusCode()) : "error", k -> new AtomicLong())
          .incrementAndGet();
      if (ar.succeeded() && ar.result().statusCode() == 503 && ar.result().getHeader("Retry-After") == null) {
        unavailableWithoutRetryAfter.incrementAndGet();
      }
      if (ar.succeeded() && ar.result().statusCode() == expectedStatus) {
        String body = ar.result().bodyAsString();
        acknowledged.put(shot.key(), body == null ? "" : body);
      } else {
        notAcknowledged.put(shot.key(), ar.succeeded() ? String.valueOf(ar.result().statusCode()) : ar.cause().toString());
      }
      loop(done);
    });
  }

  /** Resets the answer tally (statuses, slowest) to measure one phase. */
  void resetTally() {
    statuses.clear();
    slowestMs.set(0);
    unavailableWithoutRetryAfter.set(0);
  }

  long count(String status) {
    AtomicLong n = statuses.get(status);
    return n == null ? 0 : n.get();
  }

  /** Stops sending and waits for the requests in flight to end. */
  Future<Void> stop() {
    stopped.set(true);
    return Future.join(new ArrayList<>(loops)).<Void>mapEmpty().onComplete(v -> client.close());
  }
}
