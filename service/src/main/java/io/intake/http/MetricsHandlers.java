package io.intake.http;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics}: this process's registry in the Prometheus text exposition format (0.0.4).
 * Rendering walks every meter, so it runs on a worker thread rather than an event loop; the gauges
 * that need the database are cached values (see {@code StatsGaugesVerticle}), so a scrape never queries.
 */
final class MetricsHandlers {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  MetricsHandlers(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  void scrape(RoutingContext ctx) {
    IngestStats.bindTo(registry);
    ctx.vertx().executeBlocking(() -> registry.scrape(), false).onComplete(text -> {
      if (text.failed()) {
        ctx.fail(text.cause());
        return;
      }
      ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(text.result());
    });
  }
}
