package io.intake.http;

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

  private final MeterRegistry registry;

  IngestMetricsHandler(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.addBodyEndHandler(v -> {
      Route route = ctx.get(Routes.MATCHED);
      Object source = route == null ? null : route.getMetadata(Routes.COUNTED_AS);
      if (source == null) {
        return;
      }
      Counter.builder(REQUESTS)
          .description("Requests to the ingest endpoints, by source, route and outcome")
          .tag("source", source.toString())
          .tag("endpoint", route.getPath() == null ? "other" : route.getPath())
          .tag("outcome", outcome(ctx.response().getStatusCode()))
          .register(registry)
          .increment();
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
