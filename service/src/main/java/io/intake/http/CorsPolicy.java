package io.intake.http;

import io.intake.bus.Correlation;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Set;

/**
 * Which other origins' pages may call the API from a browser ({@code http.cors.origins}). Mounted
 * before the access check: a preflight carries no key (browsers never send credentials on one),
 * so it is answered here, and the real request that follows is checked as any other. No cookies
 * are involved (keys travel in headers), so credentials are not allowed.
 */
final class CorsPolicy {

  /** What a page sends: its key, a JSON body, its own correlation id. */
  static final Set<String> ALLOWED_HEADERS = Set.of("X-API-Key", "Authorization", "Content-Type", "X-Correlation-Id");
  /** What a page may read besides the simple headers: for tracing, backing off and following a creation. */
  static final Set<String> EXPOSED_HEADERS = Set.of(Correlation.HEADER, "Retry-After", "X-RateLimit-Limit",
      "X-RateLimit-Remaining", "Location");
  /** How long a browser may keep a preflight's answer. */
  static final int MAX_AGE_SECONDS = 600;

  private CorsPolicy() {
  }

  /**
   * Only a listed origin reaches Vert.x's CorsHandler, which answers any other origin 403: that
   * would refuse the console's own requests (browsers send {@code Origin} on a same-origin POST)
   * and any tool that sends one. Another origin simply gets no CORS header; its browser then keeps
   * the answer from its page.
   *
   * @return null when no origin is configured: no CORS headers at all, as before
   */
  static Handler<RoutingContext> handler(List<String> origins) {
    if (origins.isEmpty()) {
      return null;
    }
    boolean any = origins.contains("*");
    Set<String> listed = Set.copyOf(origins);
    CorsHandler cors = (any ? CorsHandler.create() : CorsHandler.create().addOrigins(origins))
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST))
        .allowedHeaders(ALLOWED_HEADERS)
        .exposedHeaders(EXPOSED_HEADERS)
        .maxAgeSeconds(MAX_AGE_SECONDS);
    return ctx -> {
      String origin = ctx.request().getHeader("Origin");
      if (origin != null && (any || listed.contains(origin))) {
        cors.handle(ctx);
      } else {
        ctx.next();
      }
    };
  }
}
