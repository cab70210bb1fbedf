package io.intake.gauges;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.config.ConfigSection;
import io.intake.enrichment.EnrichmentStore;
import io.intake.logs.PatternsClient;
import io.intake.logs.PatternsQuery;
import io.intake.metrics.IntakeMetrics;
import io.intake.metrics.MetricsSettings;
import io.intake.persistence.api.OutboxStats;
import io.intake.persistence.api.OutcomesClient;
import io.intake.persistence.api.WorkItemsClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Owns the gauges whose values live elsewhere: in the database (outbox depth and oldest age, dead
 * letters, enrichment backlog, readiness) or in another verticle (breaker states, vector-index size,
 * pattern count, simulator counts). Every {@code http.metrics.refresh_interval_ms} it asks the
 * same addresses {@code /stats} and {@code /readyz} ask, one round at a time, and keeps the answers;
 * a scrape reads only those cached values, so scraping never queries the database. An answer that
 * does not come leaves its gauges NaN (a gap in Prometheus) rather than a stale number.
 *
 * <p>One instance per process, deployed with the HTTP role; in a cluster each member reports what
 * it is answered (database-wide values are the same on every member: aggregate with max()).
 */
public class StatsGaugesVerticle extends AbstractVerticle {

  /** What each round asks, in the order {@link #refresh} joins them. */
  private static final List<String> CHECKS = List.of("database", "outbox", "enrichment", "vectors", "patterns",
      "learner", "llm", "simulator", "kafka");

  private final Map<String, Value> values = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> totals = new ConcurrentHashMap<>();
  private MeterRegistry registry;
  private OutcomesClient outcomes;
  private WorkItemsClient workItems;
  private EnrichmentStore enrichment;
  private PatternsClient patterns;
  private DeliveryOptions options;
  private boolean refreshing;

  @Override
  public void start() {
    MetricsSettings settings = MetricsSettings.read(ConfigSection.of("http.metrics", config()));
    registry = IntakeMetrics.registry(vertx);
    long timeout = Math.max(100, Math.min(settings.refreshIntervalMs(), 5000));
    options = Correlation.options().setSendTimeout(timeout);
    outcomes = new OutcomesClient(vertx, () -> new DeliveryOptions(options));
    workItems = new WorkItemsClient(vertx, () -> new DeliveryOptions(options));
    enrichment = new EnrichmentStore(vertx.eventBus(), options);
    patterns = new PatternsClient(vertx, () -> new DeliveryOptions(options));
    declare();
    refresh();
    vertx.setPeriodic(settings.refreshIntervalMs(), t -> refresh());
  }

  private void declare() {
    gauge("intake.ready", "1 when the database answers (as /readyz), else 0", null);
    gauge("intake.outbox.pending", "Outcomes waiting in the outbox for the Learner", null);
    gauge("intake.outbox.oldest.pending.age", "Age of the oldest outcome waiting in the outbox (0: none)", "seconds");
    gauge("intake.outbox.dead.letters", "Outbox entries the Learner refused for good, waiting for a replay", null);
    gauge("intake.enrichment.backlog", "Work items not yet through enrichment (pending or half-way)", null);
    gauge("intake.enrichment.failed", "Work items whose enrichment failed for good", null);
    gauge("intake.vector.index.size", "Vectors in the similarity index", null);
    gauge("intake.patterns", "Log patterns the miner holds", null);
    gauge("intake.kafka.fallback.depth", "Ingest batches waiting in the PostgreSQL fallback table for the relay to Kafka (NaN: no Kafka)", null);
    gauge("intake.kafka.fallback.active", "1 while ingest batches go to the fallback table because Kafka does not acknowledge (NaN: no Kafka)", null);
    breaker("learner");
    breaker("llm");
    gauge("intake.stats.refreshed", "When these gauges were last refreshed (Unix time)", "seconds");
    // At zero from the start, so an alert or a panel on failures has a series to read.
    CHECKS.forEach(this::failures);
  }

  private void breaker(String name) {
    Value v = values.computeIfAbsent("breaker." + name, k -> new Value());
    Gauge.builder("intake.breaker.state", v, Value::get)
        .description("Circuit breaker state: 0 closed, 1 half-open, 2 open (NaN: not in use)")
        .tag("breaker", name)
        .strongReference(true)
        .register(registry);
  }

  private void gauge(String name, String description, String unit) {
    Value v = values.computeIfAbsent(name, k -> new Value());
    Gauge.builder(name, v, Value::get).description(description).baseUnit(unit).strongReference(true).register(registry);
  }

  private void set(String name, double value) {
    values.get(name).set(value);
  }

  /** One round: every source asked at once; the next round starts only when this one is done. */
  private void refresh() {
    if (refreshing) {
      return;
    }
    refreshing = true;
    Future<Void> ready = workItems.ping()
        .andThen(r -> set("intake.ready", r.succeeded() ? 1 : 0))
        .mapEmpty();
    Future<Void> outbox = outcomes.stats().andThen(r -> {
      OutboxStats s = r.succeeded() ? r.result() : null;
      set("intake.outbox.pending", s == null ? Double.NaN : s.pending());
      set("intake.outbox.oldest.pending.age", s == null ? Double.NaN : s.oldestPendingAgeSeconds());
      set("intake.outbox.dead.letters", s == null ? Double.NaN : s.dead());
    }).mapEmpty();
    Future<Void> backlog = enrichment.stats().andThen(r -> {
      set("intake.enrichment.backlog", r.succeeded() ? r.result().unfinished() : Double.NaN);
      set("intake.enrichment.failed", r.succeeded() ? r.result().failed() : Double.NaN);
    }).mapEmpty();
    Future<Void> vectors = ask(Addresses.VECTORS_STATUS)
        .andThen(r -> set("intake.vector.index.size", r.succeeded() ? r.result().getLong("size", 0L) : Double.NaN))
        .mapEmpty();
    Future<Void> mined = patterns.list(new PatternsQuery(null, null, 0))
        .andThen(r -> set("intake.patterns", r.succeeded() ? r.result().total() : Double.NaN))
        .mapEmpty();
    Future<Void> learner = ask(Addresses.LEARNER_STATUS)
        .andThen(r -> set("breaker.learner", r.succeeded() ? breakerState(r.result().getString("breaker")) : Double.NaN))
        .mapEmpty();
    Future<Void> llm = ask(Addresses.LLM_STATUS)
        .andThen(r -> set("breaker.llm", r.succeeded() ? breakerState(r.result().getString("breaker")) : Double.NaN))
        .mapEmpty();
    Future<Void> simulator = ask(Addresses.SIMULATOR_STATUS).andThen(r -> {
      if (r.succeeded()) {
        simulated(r.result());
      }
    }).mapEmpty();
    // Only where the Kafka producer runs (kafka.brokers set); elsewhere both stay NaN.
    Future<Void> kafka = ask(Addresses.STREAMS_STATUS).andThen(r -> {
      set("intake.kafka.fallback.depth", r.succeeded() ? r.result().getLong("fallback_depth", 0L) : Double.NaN);
      set("intake.kafka.fallback.active", r.succeeded() ? ("fallback".equals(r.result().getString("state")) ? 1 : 0) : Double.NaN);
    }).mapEmpty();
    List<Future<Void>> rounds = List.of(ready, outbox, backlog, vectors, mined, learner, llm, simulator, kafka);
    // join's own result is null once any part failed: each part is read from its own future.
    Future.join(rounds).onComplete(all -> {
      refreshing = false;
      set("intake.stats.refreshed", System.currentTimeMillis() / 1000.0);
      for (int i = 0; i < rounds.size(); i++) {
        if (rounds.get(i).failed() && !absent(rounds.get(i).cause())) {
          failures(CHECKS.get(i)).increment();
        }
      }
    });
  }

  private Counter failures(String check) {
    return Counter.builder("intake.stats.refresh.failures")
        .description("Refresh rounds in which a source of these gauges did not answer")
        .tag("check", check)
        .register(registry);
  }

  private Future<JsonObject> ask(String address) {
    return vertx.eventBus().<JsonObject>request(address, new JsonObject(), options).map(m -> m.body());
  }

  /** A role this deployment does not run: no series to fill, nothing failed. */
  private static boolean absent(Throwable error) {
    return error instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS;
  }

  static double breakerState(String state) {
    if (state == null) {
      return Double.NaN;
    }
    return switch (state) {
      case "closed" -> 0;
      case "half_open" -> 1;
      case "open" -> 2;
      default -> Double.NaN;
    };
  }

  /** The simulator's own running counts (lines per service and level, items it caused), as counters. */
  private void simulated(JsonObject status) {
    var services = status.getJsonArray("services");
    if (services == null) {
      return;
    }
    for (int i = 0; i < services.size(); i++) {
      JsonObject service = services.getJsonObject(i);
      String name = service.getString("name");
      JsonObject levels = service.getJsonObject("lines_by_level", new JsonObject());
      for (String level : levels.fieldNames()) {
        AtomicLong lines = total("lines." + name + "." + level);
        lines.set(levels.getLong(level, 0L));
        FunctionCounter.builder("intake.simulator.lines", lines, AtomicLong::get)
            .description("Log lines the simulator produced, by simulated service and level")
            .tag("service", name).tag("level", level).register(registry);
      }
      AtomicLong created = total("items." + name);
      created.set(service.getLong("work_items_created", 0L));
      FunctionCounter.builder("intake.simulator.work.items", created, AtomicLong::get)
          .description("Work items the simulator's errors caused, by simulated service")
          .tag("service", name).register(registry);
    }
  }

  private AtomicLong total(String key) {
    return totals.computeIfAbsent(key, k -> new AtomicLong());
  }

  /** A cached gauge value; NaN until the first answer. */
  private static final class Value {
    private volatile double value = Double.NaN;

    double get() {
      return value;
    }

    void set(double v) {
      value = v;
    }
  }
}
