package io.intake.normalize;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one door for work items, as producers see it: a {@link SourceEvent} in, one result per
 * normalized action out (in the actions' order). HTTP sources, the simulator, the log-pattern
 * miner and the health watcher all submit through this client.
 */
public final class NormalizationClient {

  private final Vertx vertx;
  private final Supplier<DeliveryOptions> options;

  /** @param options per request: the caller's deadline and correlation id */
  public NormalizationClient(Vertx vertx, Supplier<DeliveryOptions> options) {
    this.vertx = vertx;
    this.options = options;
  }

  /** With the current correlation id and a fixed deadline. */
  public NormalizationClient(Vertx vertx, long timeoutMs) {
    this(vertx, () -> Correlation.options().setSendTimeout(timeoutMs));
  }

  public Future<List<ActionResult>> submit(SourceEvent event) {
    return vertx.eventBus().<JsonObject>request(Addresses.NORMALIZE, event, options.get())
        .map(reply -> results(reply.body()));
  }

  /** The reply's {@code results}, read once here. */
  static List<ActionResult> results(JsonObject reply) {
    JsonArray array = reply.getJsonArray("results", new JsonArray());
    List<ActionResult> results = new ArrayList<>(array.size());
    for (Object r : array) {
      results.add(ActionResult.fromJson((JsonObject) r));
    }
    return results;
  }
}
