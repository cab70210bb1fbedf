package io.intake.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-endpoint ingest counters of this process (all HTTP verticle instances): requests and
 * records received, records persisted, requests rejected. Shown under {@code ingest} in /stats;
 * the record counts are also {@code intake_ingest_records_total} in /metrics.
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

  /** The route each counter name stands for, as the {@code endpoint} label of Prometheus series. */
  private static final Map<String, String> ROUTES = Map.of(
      LogIngestHandlers.API, "/api/logs/ingest",
      LogIngestHandlers.LOGS, "/logs",
      LogIngestHandlers.METRICS, "/metrics");

  /** Registers the record counters of every endpoint seen so far (again is harmless: same meter). */
  static void bindTo(MeterRegistry registry) {
    COUNTERS.forEach((endpoint, c) -> {
      String route = ROUTES.getOrDefault(endpoint, endpoint);
      record(registry, route, "received", c[RECEIVED]);
      record(registry, route, "persisted", c[PERSISTED]);
    });
  }

  private static void record(MeterRegistry registry, String route, String outcome, AtomicLong value) {
    FunctionCounter.builder("intake.ingest.records", value, AtomicLong::get)
        .description("Records (log events, metric points) taken in by the batch ingest endpoints of this process")
        .tag("endpoint", route)
        .tag("outcome", outcome)
        .register(registry);
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
