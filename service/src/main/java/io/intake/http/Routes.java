package io.intake.http;

import io.intake.security.EndpointGroup;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The only way routes are added: each one is registered with its endpoint group, kept on the
 * route itself, and gets the access check as its first handler. The group of a request is the
 * group of the route the router matched, so path spellings the router accepts ({@code /stats/},
 * {@code //stats}, {@code /%73tats}) cannot fall into another group (a
 * prefix test on the path sent {@code GET /stats/} with an ingest key to the admin data). A
 * request no route matches never reaches the access check: the router answers 404/405/415.
 * Second comes the text policy for path and query parameters ({@link EdgeTextHandler}).
 */
final class Routes {

  /** Route metadata: the {@link EndpointGroup}. */
  static final String GROUP = "intake.group";
  /** Route metadata: the webhook source ({@code pagerduty}) of a {@link EndpointGroup#WEBHOOKS} route. */
  static final String WEBHOOK_SOURCE = "intake.webhook_source";
  /** Route metadata: the {@code source} label its requests are counted under ({@link IngestMetricsHandler}). */
  static final String COUNTED_AS = "intake.counted_as";
  /**
   * Context data: the route the router matched, put by the access check (the first handler of
   * every route) for what runs after a failure, when there is no current route.
   */
  static final String MATCHED = "intake.matched_route";

  private final Router router;
  private final Handler<RoutingContext> access;
  private final Handler<RoutingContext> text = new EdgeTextHandler();

  Routes(Router router, Handler<RoutingContext> access) {
    this.router = router;
    this.access = access;
  }

  Route get(String path, EndpointGroup group) {
    return add(HttpMethod.GET, path, group, null);
  }

  Route post(String path, EndpointGroup group) {
    return add(HttpMethod.POST, path, group, null);
  }

  /** {@code POST path} of a source of work items: a webhook with a signing secret is checked by signature. */
  Route source(String path, EndpointGroup group, String source) {
    return add(HttpMethod.POST, path, group, source);
  }

  private Route add(HttpMethod method, String path, EndpointGroup group, String source) {
    Route route = router.route(method, path).putMetadata(GROUP, group);
    if (source != null) {
      route.putMetadata(WEBHOOK_SOURCE, source).putMetadata(COUNTED_AS, source);
    }
    return route.handler(access).handler(text);
  }
}
