package io.intake.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * {@code GET /openapi.json} (the document, built once per instance) and the interactive docs at
 * {@code /docs}: a page of ours that starts Swagger UI from its WebJar on that document. Open
 * endpoints: they describe the API and hold no data; trying a call out still needs a key.
 */
final class ApiDocsHandlers {

  /**
   * Swagger UI styles its elements inline and draws icons from {@code data:} URIs; everything
   * else, the document and the calls tried out included, comes from this origin.
   */
  private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
      + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private final String document = OpenApiDocument.json();
  private final StaticHandler files = StaticHandler.create("webroot/docs").setCachingEnabled(false)
      .setDefaultContentEncoding("UTF-8");

  void document(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-cache")
        .end(document);
  }

  /** {@code /docs} itself serves the page (no redirect): the address people are told. */
  void page(RoutingContext ctx) {
    secure(ctx);
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").sendFile("webroot/docs/index.html");
  }

  /** The page's own script under {@code /docs/}. */
  Handler<RoutingContext> files() {
    return ctx -> {
      secure(ctx);
      files.handle(ctx);
    };
  }

  private static void secure(RoutingContext ctx) {
    ctx.response()
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Content-Security-Policy", CSP);
  }
}
