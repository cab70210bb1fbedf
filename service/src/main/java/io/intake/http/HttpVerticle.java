package io.intake.http;

import io.intake.metrics.IntakeMetrics;
import io.intake.normalize.SourceDefinition;
import io.intake.ops.Once;
import io.intake.normalize.SourceEventCodec;
import io.intake.normalize.SourceRegistry;
import io.intake.ops.Drain;
import io.intake.security.EndpointGroup;
import io.intake.security.SecuritySettings;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.intake.streams.KafkaSettings;
import io.intake.streams.StreamsClient;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API on one port. Owns routing, content negotiation, body limits and request
 * validation; all work is done by other verticles over the event bus. Stateless; several
 * instances share the port.
 */
public class HttpVerticle extends AbstractVerticle {

  private static final String JSON = "application/json";
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  /** Kept for the test that compares the routes with the OpenAPI document. */
  private volatile Router router;

  @Override
  public void start(Promise<Void> started) {
    HttpSettings conf = HttpSettings.fromJson(config());
    SourceEventCodec.install(vertx);
    int bodyLimit = conf.bodyLimitBytes();
    JsonBodies bodies = new JsonBodies(conf.maxJsonDepth(), conf.maxJsonStringLength());
    BusRequests bus = new BusRequests(vertx, conf.busTimeoutMs());
    WorkItemHandlers workItems = new WorkItemHandlers(bus, bodies);
    // Set by MainVerticle: with brokers, log and metric batches go to Kafka (streams.StreamProducerVerticle).
    KafkaSettings kafka = KafkaSettings.fromJson(config().getJsonObject("kafka"));
    StreamsClient streams = kafka.enabled() ? new StreamsClient(vertx, kafka.sendTimeoutMs() + conf.busTimeoutMs()) : null;
    HealthHandlers health = new HealthHandlers(new BusRequests(vertx, conf.readinessTimeoutMs()), streams);
    AdminHandlers admin = new AdminHandlers(bus);
    MonitoringHandlers monitoringHandlers = new MonitoringHandlers(bus, bodies);
    SimilarityHandlers similarity = new SimilarityHandlers(bus, bodies);
    LogIngestHandlers logs = new LogIngestHandlers(bus, bodies, streams, kafka.topics());

    Router router = Router.router(vertx);
    this.router = router;
    router.route().handler(new RequestContextHandler(AccessSummary.of(vertx, deploymentID())));
    // Counted from here until answered: a shutdown waits for these before closing the server.
    router.route().handler(new DrainGate(Drain.of(vertx), Set.of("/healthz", "/health", "/readyz")));
    // Before the access check: a browser's preflight carries no key.
    Handler<RoutingContext> cors = CorsPolicy.handler(conf.corsOrigins());
    if (cors != null) {
      router.route().handler(cors);
    }
    PrometheusMeterRegistry registry = IntakeMetrics.registry(vertx);
    router.route().handler(new IngestMetricsHandler(registry));
    MetricsHandlers metrics = new MetricsHandlers(registry);
    // API keys per endpoint group and per-key rate limits, before any body is read.
    SecuritySettings configured = conf.security();
    SecuritySettings security = configured.withRateLimiter(
        SharedRateLimiter.forPort(vertx, conf.port(), configured.rateLimiter()));
    if (Once.first(vertx, "http.key-warnings." + deploymentID())) {
      warnAboutDevelopmentKeys(security);
    }
    // The group comes from the route each path is registered with (Routes), not from the path.
    Routes routes = new Routes(router, new AccessControlHandler(security));
    Handler<RoutingContext> jsonBody = BodyHandler.create(false).setBodyLimit(bodyLimit);

    routes.get("/healthz", EndpointGroup.OPEN).handler(health::liveness);
    routes.get("/readyz", EndpointGroup.OPEN).handler(health::readiness);
    // The name health checks commonly probe; the same answer as /healthz.
    routes.get("/health", EndpointGroup.OPEN).handler(health::liveness);
    ApiDocsHandlers docs = new ApiDocsHandlers();
    routes.get("/openapi.json", EndpointGroup.OPEN).handler(docs::document);
    routes.get("/docs", EndpointGroup.OPEN).handler(docs::page);
    routes.get("/docs/*", EndpointGroup.OPEN).handler(docs.files());
    routes.get("/stats", EndpointGroup.ADMIN).handler(health::stats);
    routes.get("/watcher/status", EndpointGroup.ADMIN).handler(health::watcher);

    // Every source of work items, mounted from its one definition. consumes(): a body declared as
    // anything but JSON (or not declared) is answered 415; a signed webhook's proof is checked on
    // the raw body before anything parses it.
    SourceHandlers sources = new SourceHandlers(bus, bodies);
    for (SourceDefinition source : SourceRegistry.ALL) {
      if (source.route() != null) {
        routes.source(source.route().path(), source.route().group(), source.name()).consumes(JSON).handler(jsonBody)
            .handler(WebhookSignatureHandler.forSource(security, source.name()))
            .handler(ctx -> sources.handle(ctx, source));
      }
    }
    routes.get("/work-items", EndpointGroup.INGEST).handler(workItems::list);
    // Before /work-items/:id, which would take "splits" for an id.
    routes.get("/work-items/splits", EndpointGroup.INGEST).handler(workItems::splits);
    routes.get("/work-items/:id", EndpointGroup.INGEST).handler(workItems::get);
    routes.get("/work-items/:id/merges", EndpointGroup.INGEST).handler(workItems::merges);
    // The body is optional (who split it and why): no consumes(), checked in the handler.
    routes.post("/work-items/:id/split", EndpointGroup.INGEST).handler(jsonBody).handler(workItems::split);
    routes.get("/work-items/:id/similar", EndpointGroup.INGEST).handler(similarity::similar);
    routes.post("/search", EndpointGroup.INGEST).consumes(JSON).handler(jsonBody).handler(similarity::search);
    routes.post("/api/logs/ingest", EndpointGroup.INGEST).putMetadata(Routes.COUNTED_AS, "logs")
        .consumes(JSON).handler(jsonBody).handler(logs::ingestEvent);
    routes.post("/logs", EndpointGroup.INGEST).putMetadata(Routes.COUNTED_AS, "logs")
        .consumes(JSON).handler(jsonBody).handler(logs::ingestLogs);
    routes.post("/metrics", EndpointGroup.INGEST).putMetadata(Routes.COUNTED_AS, "metrics")
        .consumes(JSON).handler(jsonBody).handler(logs::ingestMetrics);
    // The Prometheus scrape; POST /metrics above is the batch ingest of metric points.
    routes.get("/metrics", conf.metrics().open() ? EndpointGroup.OPEN : EndpointGroup.ADMIN).handler(metrics::scrape);
    routes.get("/patterns", EndpointGroup.INGEST).handler(logs::patterns);
    routes.post("/work-items/:id/outcome", EndpointGroup.INGEST).consumes(JSON).handler(jsonBody).handler(workItems::recordOutcome);
    routes.post("/monitoring/start", EndpointGroup.ADMIN).handler(jsonBody).handler(monitoringHandlers::start);
    routes.post("/monitoring/stop", EndpointGroup.ADMIN).handler(monitoringHandlers::stop);
    routes.get("/monitoring/status", EndpointGroup.ADMIN).handler(monitoringHandlers::status);
    routes.get("/admin/outbox", EndpointGroup.ADMIN).handler(admin::listOutbox);
    routes.post("/admin/outbox/:id/replay", EndpointGroup.ADMIN).handler(admin::replay);

    AgentEventHandlers agentEvents = new AgentEventHandlers(bus);
    routes.get("/v1/metrics/overview", EndpointGroup.INGEST).handler(agentEvents::overview);

    // The operator console. Its files need no key (they hold no data); every request
    // the page makes for data carries the key the operator signed in with, in a header.
    ConsoleHandlers console = new ConsoleHandlers(bus);
    ConsoleEvents consoleEvents = new ConsoleEvents(vertx, conf.consoleBatchIntervalMs(), conf.consoleMaxItemsPerBatch());
    routes.get("/", EndpointGroup.OPEN).handler(console::root);
    // The router matches "/ui" for "/ui/" too: redirect only the bare form.
    routes.get("/ui", EndpointGroup.OPEN).handler(ctx -> {
      if (ctx.request().path().equals("/ui")) {
        ctx.response().setStatusCode(302).putHeader("Location", "/ui/").end();
      } else {
        ctx.next();
      }
    });
    routes.get("/ui/*", EndpointGroup.OPEN).handler(ctx -> {
      ctx.response()
          .putHeader("Cache-Control", "no-cache")
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "no-referrer")
          .putHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
              + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
      ctx.next();
    }).handler(StaticHandler.create("webroot/ui").setCachingEnabled(false).setDefaultContentEncoding("UTF-8"));
    // WebJars (pinned in pom.xml, versioned paths) are served from the jar: nothing from a CDN.
    routes.get("/webjars/*", EndpointGroup.OPEN).handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(86_400));
    routes.get("/console/work-items", EndpointGroup.INGEST).handler(console::list);
    routes.get("/console/work-items/:id/outcomes", EndpointGroup.INGEST).handler(console::outcomes);
    routes.get("/console/map", EndpointGroup.INGEST).handler(console::map);
    routes.get("/console/patterns", EndpointGroup.INGEST).handler(console::patterns);
    routes.get("/console/events", EndpointGroup.INGEST).handler(consoleEvents::open);

    for (int status : new int[] {400, 401, 404, 405, 413, 415, 429, 500, 503}) {
      router.errorHandler(status, ctx -> ErrorMapper.handle(ctx, status));
    }

    int port = conf.port();
    Future<Void> monitoring = conf.monitoringPort() > 0 && conf.monitoringPort() != port
        ? listen(conf, conf.monitoringPort(), monitoringRouter(health, monitoringHandlers, security), "monitoring endpoints")
        : Future.succeededFuture();
    monitoring.compose(v -> listen(conf, port, router, "HTTP API")).onComplete(started);
  }

  /**
   * Where the seed's separate monitoring service listened ({@code MONITORING_SERVICE_PORT}): its
   * endpoints only, with the same keys, so its clients work unchanged against this process.
   */
  private Router monitoringRouter(HealthHandlers health, MonitoringHandlers monitoring, SecuritySettings security) {
    Router router = Router.router(vertx);
    router.route().handler(new RequestContextHandler(AccessSummary.of(vertx, deploymentID())));
    Routes routes = new Routes(router, new AccessControlHandler(security));
    routes.get("/healthz", EndpointGroup.OPEN).handler(health::liveness);
    routes.post("/monitoring/start", EndpointGroup.ADMIN)
        .handler(BodyHandler.create(false).setBodyLimit(65_536)).handler(monitoring::start);
    routes.post("/monitoring/stop", EndpointGroup.ADMIN).handler(monitoring::stop);
    routes.get("/monitoring/status", EndpointGroup.ADMIN).handler(monitoring::status);
    for (int status : new int[] {400, 401, 404, 405, 413, 415, 429, 500, 503}) {
      router.errorHandler(status, ctx -> ErrorMapper.handle(ctx, status));
    }
    return router;
  }

  private Future<Void> listen(HttpSettings conf, int port, Router router, String what) {
    // Slow clients are cut (header, body and idle deadlines) and one address holds at
    // most max_connections_per_address connections; Vert.x's own idle timeout also covers a
    // client that stops reading our response.
    SlowClientGuard.Settings slow = conf.slowClients();
    SlowClientGuard guard = new SlowClientGuard(vertx, slow, ConnectionCounts.forPort(vertx, port));
    return guard.install(vertx.createHttpServer(new HttpServerOptions()
            .setHost(conf.host())
            .setPort(port)
            .setMaxInitialLineLength(8192)
            .setMaxHeaderSize(16384)
            // HTTP/1.1 only: with h2c detection on, Vert.x makes no connection object (and calls no
            // connection handler) until the first bytes arrive, so a silent connection escaped the
            // guard; HTTP/2 was never offered (README) and would break its one-request-per-connection view.
            .setHttp2ClearTextEnabled(false)
            .setIdleTimeout((int) slow.idleTimeoutMs())
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)), router)
        .listen()
        .onSuccess(server -> {
          if (Once.first(vertx, "http.listening." + port + "." + deploymentID())) {
            LOG.info("{} listening on port {}", what, server.actualPort());
          }
        })
        .mapEmpty();
  }

  /** The routes as registered (null before start). */
  Router router() {
    return router;
  }

  private static void warnAboutDevelopmentKeys(SecuritySettings security) {
    List<String> development = new ArrayList<>();
    List<String> open = new ArrayList<>();
    for (EndpointGroup group : List.of(EndpointGroup.INGEST, EndpointGroup.WEBHOOKS, EndpointGroup.ADMIN)) {
      if (security.apiKeys().acceptsDevelopmentKey(group)) {
        development.add(group.wire());
      } else if (security.apiKeys().open(group)) {
        open.add(group.wire());
      }
    }
    if (!development.isEmpty()) {
      LOG.warn("endpoint groups {} accept the documented development API key; set real keys (README, Security)",
          development);
    }
    if (!open.isEmpty()) {
      LOG.warn("endpoint groups {} need no API key (none configured)", open);
    }
  }
}
