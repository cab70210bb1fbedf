package io.intake.http;

import io.intake.ops.Drain;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * The shutdown's door on every route: counts each request being handled until its response is
 * done (or its connection gone), so the shutdown can wait for them; while the process drains,
 * closes each connection after its response (clients reconnect elsewhere); once the process
 * refuses, answers new requests 503 before reading their body.
 */
final class DrainGate implements Handler<RoutingContext> {

  private final Drain drain;
  private final Set<String> probes;

  /** @param probes paths answered even while refusing (liveness stays 200, readiness says why it is 503) */
  DrainGate(Drain drain, Set<String> probes) {
    this.drain = drain;
    this.probes = Set.copyOf(probes);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    if (drain.refusing() && !probes.contains(ctx.request().path())) {
      drain.refused();
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      ErrorMapper.send(ctx, new ApiError(503, "shutting_down", "This instance is shutting down; retry (another instance)",
          List.of(new FieldError("request", "shutting_down", "arrived after the shutdown began"))));
      response.close();
      return;
    }
    drain.started();
    ctx.addHeadersEndHandler(v -> {
      if (drain.draining()) {
        response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      }
    });
    // Fires once whether the response ended or the connection went first. Not the body-end handler:
    // closing there makes Vert.x skip the end handlers, and the request would count forever.
    ctx.addEndHandler(ended -> {
      drain.ended();
      if (drain.draining() && ended.succeeded()) {
        // The header alone does not make Vert.x close a keep-alive connection; this closes it once written.
        response.close();
      }
    });
    ctx.next();
  }
}
