package io.intake.http;

import io.intake.metrics.MeterCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;

/**
 * Counts every request that brings data in ({@code intake_ingest_requests_total}) by the source
 * the route is registered for, the route's template (never the path: ids would make a series per
 * item) and the outcome its status says: {@code accepted} (2xx), {@code rejected} (4xx: bad body,
 * no key, too large, rate-limited) or {@code failed} (5xx). A route counts when it carries
 * {@link Routes#COUNTED_AS}; everything else is left to Vert.x's own HTTP meters.
 */
final class IngestMetricsHandler implements Handler<RoutingContext> {

  static final String REQUESTS = "intake.ingest.requests";

  private final MeterCache<Counter> counters;

  IngestMetricsHandler(MeterRegistry registry) {
    this.counters = new MeterCache<>(tags -> Counter.builder(REQUESTS)
        .description("Requests to the ingest endpoints, by source, route and outcome")
        .tag("source", tags.get(0))
        .tag("endpoint", tags.get(1))
        .tag("outcome", tags.get(2))
        .register(registry));
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.addBodyEndHandler(v -> {
      Route route = ctx.get(Routes.MATCHED);
      Object source = route == null ? null : route.getMetadata(Routes.COUNTED_AS);
      if (source == null) {
        return;
      }
      counters.get(source.toString(), route.getPath() == null ? "other" : route.getPath(),
          outcome(ctx.response().getStatusCode())).increment();
    });
    ctx.next();
  }

  static String outcome(int status) {
    if (status >= 200 && status < 300) {
      return "accepted";
    }
    return status >= 500 ? "failed" : "rejected";
  }
}
