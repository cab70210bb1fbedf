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
    router.route().handler(new AccessControlHandler(security));
    Handler<RoutingContext> jsonBody = BodyHandler.create(false).setBodyLimit(bodyLimit);

    router.get("/healthz").handler(health::liveness);
    router.get("/readyz").handler(health::readiness);
    router.get("/stats").handler(health::stats);
    router.get("/watcher/status").handler(health::watcher);

    // consumes(): a body declared as anything but JSON (or not declared) is answered 415.
    router.post("/ingest/demo").consumes(JSON).handler(jsonBody).handler(workItems::createDemo);
    router.post("/work-items").consumes(JSON).handler(jsonBody).handler(workItems::createManual);
    router.get("/work-items").handler(workItems::list);
    router.get("/work-items/:id").handler(workItems::get);
    router.get("/work-items/:id/similar").handler(similarity::similar);
    router.post("/search").consumes(JSON).handler(jsonBody).handler(similarity::search);
    router.post("/api/logs/ingest").consumes(JSON).handler(jsonBody).handler(logs::ingestEvent);
    router.post("/logs").consumes(JSON).handler(jsonBody).handler(logs::ingestLogs);
    router.post("/metrics").consumes(JSON).handler(jsonBody).handler(logs::ingestMetrics);
    router.get("/patterns").handler(logs::patterns);
    router.post("/work-items/:id/outcome").consumes(JSON).handler(jsonBody).handler(workItems::recordOutcome);
    router.post("/webhooks/jira").consumes(JSON).handler(jsonBody)
        .handler(WebhookSignatureHandler.forSource(security, "jira")).handler(webhooks::jira);
    router.post("/monitoring/start").handler(jsonBody).handler(monitoring::start);
    router.post("/monitoring/stop").handler(monitoring::stop);
    router.get("/monitoring/status").handler(monitoring::status);
    router.get("/admin/outbox").handler(admin::listOutbox);
    router.post("/admin/outbox/:id/replay").handler(admin::replay);

    // Issue 5: more sources (signature checked on the raw body, before parsing) and agent telemetry.
    SourceWebhookHandlers sources = new SourceWebhookHandlers(workItems, bodies);
    router.post("/webhooks/pagerduty").consumes(JSON).handler(jsonBody)
        .handler(WebhookSignatureHandler.forSource(security, "pagerduty")).handler(sources::pagerDuty);
    router.post("/webhooks/alertmanager").consumes(JSON).handler(jsonBody)
        .handler(WebhookSignatureHandler.forSource(security, "alertmanager")).handler(sources::alertmanager);
    router.post("/webhooks/datadog").consumes(JSON).handler(jsonBody)
        .handler(WebhookSignatureHandler.forSource(security, "datadog")).handler(sources::datadog);
    AgentEventHandlers agentEvents = new AgentEventHandlers(bus, workItems, bodies);
    router.post("/v1/events").consumes(JSON).handler(jsonBody).handler(agentEvents::ingest);
    router.get("/v1/metrics/overview").handler(agentEvents::overview);

    // Issue 16: the operator console. Its files need no key (they hold no data); every request
    // the page makes for data carries the key the operator signed in with, in a header.
    ConsoleHandlers console = new ConsoleHandlers(bus);
    JsonObject consoleConf = conf.getJsonObject("console", new JsonObject());
    ConsoleEvents consoleEvents = new ConsoleEvents(vertx, consoleConf.getLong("batch_interval_ms", 250L),
        consoleConf.getInteger("max_items_per_batch", 200));
    router.get("/").handler(console::root);
    // The router matches "/ui" for "/ui/" too: redirect only the bare form.
    router.get("/ui").handler(ctx -> {
      if (ctx.request().path().equals("/ui")) {
        ctx.response().setStatusCode(302).putHeader("Location", "/ui/").end();
      } else {
        ctx.next();
      }
    });
    router.route("/ui/*").handler(ctx -> {
      ctx.response()
          .putHeader("Cache-Control", "no-cache")
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "no-referrer")
          .putHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
              + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
      ctx.next();
    }).handler(StaticHandler.create("webroot/ui").setCachingEnabled(false).setDefaultContentEncoding("UTF-8"));
    // WebJars (pinned in pom.xml, versioned paths) are served from the jar: nothing from a CDN.
    router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(86_400));
    router.get("/console/work-items").handler(console::list);
    router.get("/console/work-items/:id/outcomes").handler(console::outcomes);
    router.get("/console/map").handler(console::map);
    router.get("/console/patterns").handler(console::patterns);
    router.get("/console/events").handler(consoleEvents::open);

    for (int status : new int[] {400, 401, 404, 405, 413, 415, 429, 500, 503}) {
      router.errorHandler(status, ErrorMapper::handle);
    }

    int port = conf.getInteger("port", 8001);
    vertx.createHttpServer(new HttpServerOptions()
            .setHost(conf.getString("host", "0.0.0.0"))
            .setPort(port)
            .setMaxInitialLineLength(8192)
            .setMaxHeaderSize(16384))
        .requestHandler(router)
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
