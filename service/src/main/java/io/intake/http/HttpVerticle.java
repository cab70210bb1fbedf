package io.intake.http;

import io.intake.security.EndpointGroup;
import io.intake.security.SecuritySettings;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.ArrayList;
import java.util.List;
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

  @Override
  public void start(Promise<Void> started) {
    JsonObject conf = config();
    int bodyLimit = conf.getInteger("body_limit_bytes", 1_048_576);
    JsonBodies bodies = new JsonBodies(conf.getInteger("max_json_depth", 32),
        conf.getInteger("max_json_string_length", bodyLimit));
    BusRequests bus = new BusRequests(vertx, conf.getLong("bus_timeout_ms", 5000L));
    WorkItemHandlers workItems = new WorkItemHandlers(bus, bodies);
    WebhookHandlers webhooks = new WebhookHandlers(workItems, bodies);
    HealthHandlers health = new HealthHandlers(new BusRequests(vertx, conf.getLong("readiness_timeout_ms", 2000L)));
    AdminHandlers admin = new AdminHandlers(bus);
    MonitoringHandlers monitoring = new MonitoringHandlers(bus, bodies);
    SimilarityHandlers similarity = new SimilarityHandlers(bus, bodies);
    LogIngestHandlers logs = new LogIngestHandlers(bus, bodies);

    Router router = Router.router(vertx);
    router.route().handler(new RequestContextHandler());
    // Issue 5: API keys per endpoint group and per-key rate limits, before any body is read.
    SecuritySettings configured = SecuritySettings.fromJson(conf.getJsonObject("security", new JsonObject()));
    SecuritySettings security = configured.withRateLimiter(
        SharedRateLimiter.forPort(vertx, conf.getInteger("port", 8001), configured.rateLimiter()));
    warnAboutDevelopmentKeys(security);
    // Issue 14: the group comes from the route each path is registered with (Routes), not from the path.
    Routes routes = new Routes(router, new AccessControlHandler(security));
    Handler<RoutingContext> jsonBody = BodyHandler.create(false).setBodyLimit(bodyLimit);

    routes.get("/healthz", EndpointGroup.OPEN).handler(health::liveness);
    routes.get("/readyz", EndpointGroup.OPEN).handler(health::readiness);
    routes.get("/stats", EndpointGroup.ADMIN).handler(health::stats);
    routes.get("/watcher/status", EndpointGroup.ADMIN).handler(health::watcher);

    // consumes(): a body declared as anything but JSON (or not declared) is answered 415.
    routes.post("/ingest/demo", EndpointGroup.INGEST).consumes(JSON).handler(jsonBody).handler(workItems::createDemo);
    routes.post("/work-items", EndpointGroup.INGEST).consumes(JSON).handler(jsonBody).handler(workItems::createManual);
    routes.get("/work-items", EndpointGroup.INGEST).handler(workItems::list);
    // Before /work-items/:id, which would take "splits" for an id.
    routes.get("/work-items/splits", EndpointGroup.INGEST).handler(workItems::splits);
    routes.get("/work-items/:id", EndpointGroup.INGEST).handler(workItems::get);
    routes.get("/work-items/:id/merges", EndpointGroup.INGEST).handler(workItems::merges);
    // The body is optional (who split it and why): no consumes(), checked in the handler.
    routes.post("/work-items/:id/split", EndpointGroup.INGEST).handler(jsonBody).handler(workItems::split);
    routes.get("/work-items/:id/similar", EndpointGroup.INGEST).handler(similarity::similar);
    routes.post("/search", EndpointGroup.INGEST).consumes(JSON).handler(jsonBody).handler(similarity::search);
    routes.post("/api/logs/ingest", EndpointGroup.INGEST).consumes(JSON).handler(jsonBody).handler(logs::ingestEvent);
    routes.post("/logs", EndpointGroup.INGEST).consumes(JSON).handler(jsonBody).handler(logs::ingestLogs);
    routes.post("/metrics", EndpointGroup.INGEST).consumes(JSON).handler(jsonBody).handler(logs::ingestMetrics);
    routes.get("/patterns", EndpointGroup.INGEST).handler(logs::patterns);
    routes.post("/work-items/:id/outcome", EndpointGroup.INGEST).consumes(JSON).handler(jsonBody).handler(workItems::recordOutcome);
    routes.webhook("jira").consumes(JSON).handler(jsonBody)
        .handler(WebhookSignatureHandler.forSource(security, "jira")).handler(webhooks::jira);
    routes.post("/monitoring/start", EndpointGroup.ADMIN).handler(jsonBody).handler(monitoring::start);
    routes.post("/monitoring/stop", EndpointGroup.ADMIN).handler(monitoring::stop);
    routes.get("/monitoring/status", EndpointGroup.ADMIN).handler(monitoring::status);
    routes.get("/admin/outbox", EndpointGroup.ADMIN).handler(admin::listOutbox);
    routes.post("/admin/outbox/:id/replay", EndpointGroup.ADMIN).handler(admin::replay);

    // Issue 5: more sources (signature checked on the raw body, before parsing) and agent telemetry.
    SourceWebhookHandlers sources = new SourceWebhookHandlers(workItems, bodies);
    routes.webhook("pagerduty").consumes(JSON).handler(jsonBody)
        .handler(WebhookSignatureHandler.forSource(security, "pagerduty")).handler(sources::pagerDuty);
    routes.webhook("alertmanager").consumes(JSON).handler(jsonBody)
        .handler(WebhookSignatureHandler.forSource(security, "alertmanager")).handler(sources::alertmanager);
    routes.webhook("datadog").consumes(JSON).handler(jsonBody)
        .handler(WebhookSignatureHandler.forSource(security, "datadog")).handler(sources::datadog);
    AgentEventHandlers agentEvents = new AgentEventHandlers(bus, workItems, bodies);
    routes.post("/v1/events", EndpointGroup.INGEST).consumes(JSON).handler(jsonBody).handler(agentEvents::ingest);
    routes.get("/v1/metrics/overview", EndpointGroup.INGEST).handler(agentEvents::overview);

    // Issue 16: the operator console. Its files need no key (they hold no data); every request
    // the page makes for data carries the key the operator signed in with, in a header.
    ConsoleHandlers console = new ConsoleHandlers(bus);
    JsonObject consoleConf = conf.getJsonObject("console", new JsonObject());
    ConsoleEvents consoleEvents = new ConsoleEvents(vertx, consoleConf.getLong("batch_interval_ms", 250L),
        consoleConf.getInteger("max_items_per_batch", 200));
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

    int port = conf.getInteger("port", 8001);
    // Issue 14: slow clients are cut (header, body and idle deadlines) and one address holds at
    // most max_connections_per_address connections; Vert.x's own idle timeout also covers a
    // client that stops reading our response.
    SlowClientGuard.Settings slow = SlowClientGuard.Settings.fromJson(conf);
    SlowClientGuard guard = new SlowClientGuard(vertx, slow, ConnectionCounts.forPort(vertx, port));
    guard.install(vertx.createHttpServer(new HttpServerOptions()
            .setHost(conf.getString("host", "0.0.0.0"))
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
          LOG.info("HTTP API listening on port {}", server.actualPort());
          started.complete();
        })
        .onFailure(started::fail);
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
