package io.intake.simulator;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.logs.PatternsClient;
import io.intake.logs.SimulatedLine;
import io.intake.normalize.NormalizationClient;
import io.intake.normalize.SourceEvent;
import io.intake.normalize.SourceEventCodec;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring service: one periodic timer per configured simulated service writes log
 * lines and, by the service's pattern, errors; each error becomes a work item, over the bus
 * (normalization, as {@code POST /ingest/demo} does) or over HTTP to {@code {ingest_url}/ingest/demo}.
 * Owns the running state and the log aggregation. Deploy one instance per node.
 */
public class MonitoringSimulatorVerticle extends AbstractVerticle {

  private NormalizationClient normalization;
  private PatternsClient patterns;

  private static final Logger LOG = LoggerFactory.getLogger(MonitoringSimulatorVerticle.class);

  /** A running simulated service. */
  private static final class Running {
    final ServiceSpec spec;
    final SimulatedSource source;
    final ServiceStats stats = new ServiceStats();
    final Logger log;
    long timer = -1;

    Running(ServiceSpec spec, SimulatedSource source) {
      this.spec = spec;
      this.source = source;
      this.log = LoggerFactory.getLogger("simulator." + spec.name());
    }
  }

  private ServiceSpec primary;
  private List<ServiceSpec> extras;
  private long seed;
  private boolean emitLogs;
  private String ingestUrl;
  private long ingestTimeoutMs;
  /** Sent as X-API-Key to the ingest node (its ingest group's key); blank sends none. */
  private String ingestApiKey;
  private WebClient client;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private final Map<String, ServiceStats> finishedStats = new LinkedHashMap<>();

  @Override
  public void start() {
    SimulatorSettings conf = SimulatorSettings.fromJson(config());
    SourceEventCodec.install(vertx);
    normalization = new NormalizationClient(vertx, () -> Correlation.options().setSendTimeout(ingestTimeoutMs));
    patterns = new PatternsClient(vertx, Correlation::options);
    primary = conf.primary();
    extras = new ArrayList<>(conf.services());
    seed = conf.seed();
    // Fail the deployment on a bad pattern or a missing replay file, not on the first start.
    extras.forEach(spec -> spec.source(seed));
    primary.source(seed);
    emitLogs = conf.emitLogs();
    ingestUrl = conf.ingestUrl();
    ingestTimeoutMs = conf.ingestTimeoutMs();
    ingestApiKey = conf.ingestApiKey();
    if (ingestUrl != null && !ingestUrl.isBlank()) {
      client = WebClient.create(vertx);
    }
    var bus = vertx.eventBus();
    bus.<JsonObject>consumer(Addresses.SIMULATOR_START, Correlation.bound(this::startLoop));
    bus.<JsonObject>consumer(Addresses.SIMULATOR_STOP, Correlation.bound(m -> {
      stopAll();
      m.reply(new JsonObject().put("status", "stopped").put("message", "Monitoring loop stopped"));
    }));
    bus.<JsonObject>consumer(Addresses.SIMULATOR_STATUS, Correlation.bound(m -> m.reply(status())));
    if (conf.autoStart()) {
      startAll();
    }
  }

  @Override
  public void stop() {
    stopAll();
  }

  private void startLoop(Message<JsonObject> message) {
    JsonObject overrides = message.body();
    try {
      primary = primary.withOverrides(overrides.getString("service_name"), overrides.getDouble("error_probability"),
          overrides.getDouble("log_interval"));
      primary.validate();
    } catch (RuntimeException e) {
      message.fail(400, e.getMessage());
      return;
    }
    stopAll();
    startAll();
    message.reply(new JsonObject()
        .put("status", "started")
        .put("service_name", primary.name())
        .put("error_probability", primary.errorProbability())
        .put("log_interval", primary.logInterval()));
  }

  private void startAll() {
    List<ServiceSpec> all = new ArrayList<>();
    all.add(primary);
    all.addAll(extras);
    for (ServiceSpec spec : all) {
      Running r = new Running(spec, spec.source(seed));
      // Each tick runs on its own duplicated context, so its correlation id stays with it.
      r.timer = vertx.setPeriodic(Math.max(1, Math.round(spec.logInterval() * 1000)),
          id -> ((ContextInternal) context).duplicate().runOnContext(v -> tick(r)));
      running.put(spec.name(), r);
      LOG.info("simulating {} ({}, every {}s, p={})", spec.name(), r.source.pattern(), spec.logInterval(),
          spec.errorProbability());
    }
  }

  private void stopAll() {
    running.values().forEach(r -> {
      vertx.cancelTimer(r.timer);
      finishedStats.put(r.spec.name(), r.stats);
    });
    if (!running.isEmpty()) {
      LOG.info("monitoring loop stopped");
    }
    running.clear();
  }

  private void tick(Running r) {
    // Each tick is its own "request": its lines, bus messages and work items share one id.
    Correlation.bind("sim-" + UUID.randomUUID());
    Instant now = Instant.now();
    Emission emission = r.source.tick(now);
    r.stats.record(emission, now);
    for (Emission.Line line : emission.lines()) {
      // At DEBUG whatever their simulated level: they are demo data, and an ERROR here would read
      // (and count, errors_last_5m in /healthz) as the service's own. The level is in the text.
      if (emitLogs) {
        r.log.debug(line.text());
      }
      patterns.simulated(new SimulatedLine(r.spec.name(), line.text(), line.level()));
    }
    for (Emission.Error error : emission.errors()) {
      createWorkItem(r, error).onSuccess(v -> r.stats.workItemCreated()).onFailure(e -> {
        r.stats.ingestFailed();
        LOG.warn("{}: failed to create a work item: {}", r.spec.name(), e.getMessage());
      });
    }
    if (r.source instanceof ReplaySource replay && replay.finished()) {
      vertx.cancelTimer(r.timer);
      LOG.info("{}: replay finished", r.spec.name());
    }
  }

  /** The seed's work item: {service, severity, description, raw_log, type: incident}. */
  private Future<Void> createWorkItem(Running r, Emission.Error error) {
    JsonObject item = new JsonObject()
        .put("service", r.spec.name())
        .put("severity", error.severity().wire())
        .put("description", error.description())
        .put("raw_log", error.rawLog())
        .put("type", "incident")
        .put("origin_system", "monitoring-simulator");
    if (client != null) {
      var request = client.postAbs(ingestUrl.replaceAll("/+$", "") + "/ingest/demo")
          .timeout(ingestTimeoutMs)
          .putHeader(Correlation.HEADER, String.valueOf(Correlation.current()));
      if (!ingestApiKey.isBlank()) {
        request.putHeader("X-API-Key", ingestApiKey);
      }
      return request.sendJsonObject(item)
          .compose(response -> response.statusCode() / 100 == 2
              ? Future.succeededFuture()
              : Future.failedFuture("ingest answered HTTP " + response.statusCode()));
    }
    return normalization.submit(SourceEvent.received("demo", item.encode())).mapEmpty();
  }

  private JsonObject status() {
    Instant now = Instant.now();
    JsonArray services = new JsonArray();
    long errorCount = 0;
    Instant lastError = null;
    Map<String, ServiceStats> all = new LinkedHashMap<>(finishedStats);
    running.forEach((name, r) -> all.put(name, r.stats));
    for (Map.Entry<String, ServiceStats> e : all.entrySet()) {
      ServiceStats stats = e.getValue();
      Running r = running.get(e.getKey());
      errorCount += stats.errors();
      if (stats.lastErrorAt() != null && (lastError == null || stats.lastErrorAt().isAfter(lastError))) {
        lastError = stats.lastErrorAt();
      }
      JsonObject service = new JsonObject()
          .put("name", e.getKey())
          .put("status", r != null ? "running" : "stopped")
          .put("error_count", stats.errors())
          .put("errors_by_type", new JsonObject(new LinkedHashMap<>(stats.errorsByType())))
          .put("lines_by_level", new JsonObject(new LinkedHashMap<>(stats.linesByLevel())))
          .put("last_error_at", iso(stats.lastErrorAt()))
          .put("error_rate_per_minute", stats.errorsInLastMinute(now))
          .put("work_items_created", stats.workItemsCreated())
          .put("ingest_failures", stats.ingestFailures());
      if (r != null) {
        service.put("pattern", r.source.pattern())
            .put("log_interval", r.spec.logInterval())
            .put("error_probability", r.spec.errorProbability());
      }
      services.add(service);
    }
    return new JsonObject()
        .put("status", running.isEmpty() ? "stopped" : "running")
        .put("service_name", primary.name())
        .put("error_count", errorCount)
        .put("last_error_at", iso(lastError))
        .put("error_probability", primary.errorProbability())
        .put("log_interval", primary.logInterval())
        .put("services", services);
  }

  private static String iso(Instant time) {
    return time == null ? null : time.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
  }
}
