package io.intake.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;

/**
 * The one Prometheus registry of a Vert.x instance: Vert.x's own meters (HTTP server, pools, event
 * bus) and Intake's ({@code intake_*}) land in it, and {@code GET /metrics} renders it. Each
 * process (cluster member) has its own; nothing here is shared between members.
 *
 * <p>{@code intake serve} {@link #create}s one, builds Vert.x with its {@link #vertxOptions} and
 * {@link #attach}es it; a Vert.x built without them (tests, embedding) gets a registry on first
 * use, holding Intake's meters and the JVM's but not Vert.x's own.
 */
public final class IntakeMetrics implements Shareable {

  private static final String MAP = "intake.metrics";
  private static final String KEY = "registry";

  /** Latency buckets a request or a stage is judged by: the boundaries an SLO would name. */
  static final Duration[] LATENCY_SLOS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

  /** The Reactive SQL client's own category (vertx_sql_*), named by the client, not a {@link MetricsDomain}. */
  private static final String SQL_CLIENT = "sql";

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;

  private IntakeMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gc) {
    this.registry = registry;
    this.gc = gc;
  }

  /** A registry with Intake's histogram settings and the JVM/process meters bound. */
  public static IntakeMetrics create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(latencyHistograms());
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return new IntakeMetrics(registry, gc);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Vert.x options reporting into this registry. Labels: method, status code and route template
   * for HTTP (never the path: ids would make a series per item); pool type and name. The registry
   * name is unique so two instances in one JVM (tests, a cluster in one process) never share
   * Vert.x's backend slot.
   *
   * <p>Only the server side and the pools are metered. Vert.x looks up several meters per event
   * for each category: four to five per event-bus message (and a request makes several hops:
   * HTTP → normalization → persistence and the replies), four per SQL query, five or more per
   * client request (the Learner's deliveries). In the JFR profiles of the duplicate storm and the
   * outcomes run these were about half of Vert.x's metrics samples on the event loops, and no
   * dashboard, alert or document reads them; Intake's own timers cover what matters of them
   * ({@code intake_persistence_duration_seconds}, {@code intake_normalization_duration_seconds},
   * {@code intake_learner_delivery_duration_seconds}).
   */
  public VertxOptions vertxOptions() {
    return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setMicrometerRegistry(registry)
        .setRegistryName("intake-" + UUID.randomUUID())
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
        .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
        .addDisabledMetricsCategory(SQL_CLIENT)
        .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE, Label.POOL_TYPE, Label.POOL_NAME)));
  }

  /**
   * Makes this registry the one every verticle of {@code vertx} reports to, until Vert.x closes
   * (then the GC listeners, which would keep the registry alive, are removed).
   */
  public void attach(Vertx vertx) {
    LocalMap<String, IntakeMetrics> map = vertx.sharedData().getLocalMap(MAP);
    map.put(KEY, this);
    closeWith(vertx);
  }

  /** The registry of {@code vertx}: the attached one, else one made now and kept for the others. */
  public static PrometheusMeterRegistry registry(Vertx vertx) {
    LocalMap<String, IntakeMetrics> map = vertx.sharedData().getLocalMap(MAP);
    IntakeMetrics existing = map.get(KEY);
    if (existing != null) {
      return existing.registry;
    }
    IntakeMetrics fresh = create();
    existing = map.putIfAbsent(KEY, fresh);
    if (existing != null) {
      fresh.close();
      return existing.registry;
    }
    fresh.closeWith(vertx);
    return fresh.registry;
  }

  private void closeWith(Vertx vertx) {
    ((VertxInternal) vertx).addCloseHook(done -> {
      close();
      done.complete();
    });
  }

  private void close() {
    gc.close();
    registry.close();
  }

  /** Vert.x's HTTP server latency and Intake's own timers publish buckets Prometheus can aggregate (histogram_quantile). */
  private static MeterFilter latencyHistograms() {
    double[] slos = new double[LATENCY_SLOS.length];
    for (int i = 0; i < slos.length; i++) {
      slos[i] = LATENCY_SLOS[i].toNanos();
    }
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER) {
          return config;
        }
        String name = id.getName();
        if (!name.equals("vertx.http.server.response.time") && !name.startsWith("intake.")) {
          return config;
        }
        // Buckets at the SLO boundaries only: Micrometer's full percentile histogram measured 60
        // buckets per series even trimmed to 5 ms - 10 s, and HTTP has a series per route, method
        // and status; these twelve are what histogram_quantile and SLO ratios are read from.
        return DistributionStatisticConfig.builder()
            .serviceLevelObjectives(slos)
            .build()
            .merge(config);
      }
    };
  }
}
