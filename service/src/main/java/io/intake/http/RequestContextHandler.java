package io.intake.http;

import io.intake.bus.Correlation;
import io.intake.ops.RequestActivity;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;

/**
 * First handler of every route: binds the request's correlation id (from {@code x-correlation-id}
 * or new) to its context, echoes it on the response, and when the response ends writes one
 * access-log line at DEBUG and counts the request for the minute's INFO summary ({@link AccessSummary}).
 */
final class RequestContextHandler implements Handler<RoutingContext> {

  private static final Logger ACCESS = AccessSummary.LOG;
  private final AccessSummary summary;

  RequestContextHandler(AccessSummary summary) {
    this.summary = summary;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.request().method() != HttpMethod.GET) {
      RequestActivity.touch(); // data arriving; reads and monitoring polls do not hold the model back
    }
    String id = Correlation.acceptOrGenerate(ctx.request().getHeader(Correlation.HEADER));
    Correlation.bind(id);
    ctx.response().putHeader(Correlation.HEADER, id);
    long started = System.nanoTime();
    ctx.addBodyEndHandler(v -> {
      long millis = (System.nanoTime() - started) / 1_000_000;
      int status = ctx.response().getStatusCode();
      summary.record(status, millis);
      ACCESS.debug("{} {} {} {}ms", ctx.request().method(), ctx.request().path(), status, millis);
    });
    ctx.next();
  }
}
