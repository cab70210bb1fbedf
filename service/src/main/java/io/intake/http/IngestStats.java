package io.intake.http;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-endpoint ingest counters of this process (all HTTP verticle instances): requests and
 * records received, records persisted, requests rejected. Shown under {@code ingest} in /stats.
 */
final class IngestStats {

  private static final Map<String, AtomicLong[]> COUNTERS = new ConcurrentHashMap<>();
  private static final int REQUESTS = 0;
  private static final int RECEIVED = 1;
  private static final int PERSISTED = 2;
  private static final int REJECTED = 3;

  private IngestStats() {
  }

  private static AtomicLong[] of(String endpoint) {
    return COUNTERS.computeIfAbsent(endpoint, e -> new AtomicLong[] {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()});
  }

  static void received(String endpoint, int records) {
    AtomicLong[] c = of(endpoint);
    c[REQUESTS].incrementAndGet();
    c[RECEIVED].addAndGet(records);
  }

  static void persisted(String endpoint, int records) {
    of(endpoint)[PERSISTED].addAndGet(records);
  }

  static void rejected(String endpoint) {
    AtomicLong[] c = of(endpoint);
    c[REQUESTS].incrementAndGet();
    c[REJECTED].incrementAndGet();
  }

  static JsonObject snapshot() {
    JsonObject out = new JsonObject();
    COUNTERS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.put(e.getKey(), new JsonObject()
        .put("requests", e.getValue()[REQUESTS].get())
        .put("received", e.getValue()[RECEIVED].get())
        .put("persisted", e.getValue()[PERSISTED].get())
        .put("rejected", e.getValue()[REJECTED].get())));
    return out;
  }
}
