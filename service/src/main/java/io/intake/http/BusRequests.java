package io.intake.http;

import io.intake.bus.Correlation;
import io.intake.logs.PatternsClient;
import io.intake.normalize.NormalizationClient;
import io.intake.persistence.api.OutcomesClient;
import io.intake.persistence.api.TelemetryClient;
import io.intake.persistence.api.WorkItemsClient;
import io.intake.vectors.VectorIndexClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * How HTTP handlers talk to the verticles behind them: request/reply with the request's
 * correlation id and the HTTP layer's timeout (a timeout or a missing consumer becomes 503 in
 * {@link ErrorMapper}).
 */
final class BusRequests {

  private final Vertx vertx;
  private final long timeoutMs;
  private final WorkItemsClient workItems;
  private final OutcomesClient outcomes;
  private final NormalizationClient normalization;
  private final TelemetryClient telemetry;
  private final PatternsClient patterns;

  BusRequests(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
    this.workItems = new WorkItemsClient(vertx, this::options);
    this.outcomes = new OutcomesClient(vertx, this::options);
    this.normalization = new NormalizationClient(vertx, this::options);
    this.telemetry = new TelemetryClient(vertx, this::options);
    this.patterns = new PatternsClient(vertx, this::options);
  }

  /** Work items, with this layer's deadline and the request's correlation id. */
  WorkItemsClient workItems() {
    return workItems;
  }

  /** Normalization's one door, with this layer's deadline and the request's correlation id. */
  NormalizationClient normalization() {
    return normalization;
  }

  /** Outcomes and the outbox, with this layer's deadline and the request's correlation id. */
  OutcomesClient outcomes() {
    return outcomes;
  }

  /** Logs, metrics, agent events and patterns, with this layer's deadline and the request's correlation id. */
  TelemetryClient telemetry() {
    return telemetry;
  }

  /** The log-pattern miner, with this layer's deadline and the request's correlation id. */
  PatternsClient patterns() {
    return patterns;
  }

  /** The vector index, with this layer's deadline and the current correlation id (taken per call). */
  VectorIndexClient vectors() {
    return new VectorIndexClient(vertx.eventBus(), options());
  }

  /** Answers 200 with the reply, or fails the context with the error. */
  void answer(RoutingContext ctx, Future<JsonObject> reply) {
    reply.onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
  }

  DeliveryOptions options() {
    return Correlation.options().setSendTimeout(timeoutMs);
  }

  Future<JsonObject> request(String address, Object body, DeliveryOptions options) {
    return vertx.eventBus().<JsonObject>request(address, body, options).map(Message::body);
  }

  Future<JsonObject> request(String address, JsonObject body) {
    return request(address, body, options());
  }

  /** Answers 200 with the reply, or fails the context with the error. */
  void answer(RoutingContext ctx, String address, JsonObject body) {
    request(address, body).onSuccess(reply -> Responses.json(ctx, 200, reply)).onFailure(ctx::fail);
  }
}
