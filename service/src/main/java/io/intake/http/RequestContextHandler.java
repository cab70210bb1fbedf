package io.intake.http;

import io.intake.bus.Correlation;
import io.intake.ops.RequestActivity;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of every route: binds the request's correlation id (from {@code x-correlation-id}
 * or new) to its context, echoes it on the response, and writes one access-log line when the
 * response ends.
 */
final class RequestContextHandler implements Handler<RoutingContext> {

  private static final Logger ACCESS = LoggerFactory.getLogger("io.intake.http.access");

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.request().method() != HttpMethod.GET) {
      RequestActivity.touch(); // data arriving; reads and monitoring polls do not hold the model back
    }
    String id = Correlation.acceptOrGenerate(ctx.request().getHeader(Correlation.HEADER));
    Correlation.bind(id);
    ctx.response().putHeader(Correlation.HEADER, id);
    long started = System.nanoTime();
    ctx.addBodyEndHandler(v -> ACCESS.info("{} {} {} {}ms", ctx.request().method(), ctx.request().path(),
        ctx.response().getStatusCode(), (System.nanoTime() - started) / 1_000_000));
    ctx.next();
  }
}
