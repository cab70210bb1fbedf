package io.intake.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.normalize.SourceAnswers;
import io.intake.normalize.SourceDefinition;
import io.intake.normalize.SourceEvent;
import io.vertx.ext.web.RoutingContext;

/**
 * The one handler of every source route ({@link io.intake.normalize.SourceRegistry}): the body is
 * parsed and checked against the source's schema once here (its signature was checked before),
 * handed on parsed as a {@link SourceEvent}, and the sender is answered as the source's definition
 * shapes it, after every write of the payload is committed.
 */
final class SourceHandlers {

  private final BusRequests bus;
  private final JsonBodies bodies;

  SourceHandlers(BusRequests bus, JsonBodies bodies) {
    this.bus = bus;
    this.bodies = bodies;
  }

  void handle(RoutingContext ctx, SourceDefinition source) {
    String body = ctx.body().asString();
    JsonNode payload = bodies.parse(body, source.route().schema());
    bus.normalization().submit(new SourceEvent(source.name(), body, payload))
        .onSuccess(results -> {
          SourceAnswers.Answer answer = source.answer().shape(results, payload);
          Responses.json(ctx, answer.status(), answer.body());
        })
        .onFailure(ctx::fail);
  }
}
