package io.intake.http;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log for people: each request goes to {@code io.intake.http.access} at DEBUG, and
 * once a minute one INFO line sums the minute up (requests, by status class, 99th percentile),
 * only when there were requests. One per deployment, shared by the HTTP verticle's instances.
 */
final class AccessSummary implements Shareable {

  static final Logger LOG = LoggerFactory.getLogger("io.intake.http.access");
  static final long INTERVAL_MS = 60_000;
  /** Upper bounds of the latency buckets, in ms; the last is everything slower. */
  static final long[] BOUNDS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, Long.MAX_VALUE};

  private final AtomicLongArray byClass = new AtomicLongArray(6);
  private final AtomicLongArray latency = new AtomicLongArray(BOUNDS.length);

  /**
   * The one of this deployment (its instances share the id); the first instance's call starts the
   * timer, which ends with that instance.
   */
  static AccessSummary of(Vertx vertx, String deploymentId) {
    AccessSummary fresh = new AccessSummary();
    AccessSummary existing = vertx.sharedData().<String, AccessSummary>getLocalMap("intake.access")
        .putIfAbsent(deploymentId, fresh);
    if (existing != null) {
      return existing;
    }
    vertx.setPeriodic(INTERVAL_MS, t -> {
      String line = fresh.drain();
      if (line != null) {
        LOG.info(line);
      }
    });
    return fresh;
  }

  void record(int status, long millis) {
    byClass.incrementAndGet(Math.max(0, Math.min(5, status / 100)));
    int bucket = 0;
    while (millis > BOUNDS[bucket]) {
      bucket++;
    }
    latency.incrementAndGet(bucket);
  }

  /** The summary of what was recorded since the last call, which it resets; null when nothing was. */
  String drain() {
    long[] classes = new long[6];
    long total = 0;
    for (int i = 0; i < classes.length; i++) {
      classes[i] = byClass.getAndSet(i, 0);
      total += classes[i];
    }
    long[] buckets = new long[BOUNDS.length];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = latency.getAndSet(i, 0);
    }
    if (total == 0) {
      return null;
    }
    return "HTTP, last " + INTERVAL_MS / 1000 + " s: " + total + " requests (2xx " + classes[2] + ", 3xx " + classes[3]
        + ", 4xx " + classes[4] + ", 5xx " + classes[5] + "), p99 " + p99(buckets);
  }

  private static String p99(long[] buckets) {
    long total = 0;
    for (long b : buckets) {
      total += b;
    }
    long rank = (long) Math.ceil(total * 0.99);
    long seen = 0;
    for (int i = 0; i < buckets.length; i++) {
      seen += buckets[i];
      if (seen >= rank) {
        return BOUNDS[i] == Long.MAX_VALUE ? "> " + BOUNDS[i - 1] + " ms" : "≤ " + BOUNDS[i] + " ms";
      }
    }
    return "n/a";
  }
}
