package io.intake.logs;

import io.intake.bus.Addresses;
import io.intake.bus.HandOffJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/** The typed face of {@link LogPatternVerticle}: lines to mine, and the patterns mined so far. */
public final class PatternsClient {

  private final Vertx vertx;
  private final Supplier<DeliveryOptions> options;

  public PatternsClient(Vertx vertx, Supplier<DeliveryOptions> options) {
    this.vertx = vertx;
    this.options = options;
  }

  /** Fire-and-forget, handed off without a copy: the caller must not change the lines after this. */
  public void mine(MineLines lines) {
    vertx.eventBus().send(Addresses.PATTERNS_MINE, lines.toJson(), HandOffJson.options(options.get()));
  }

  /** Published: every miner listening (one per cluster, normally) hears the simulated line. */
  public void simulated(SimulatedLine line) {
    vertx.eventBus().publish(Addresses.SIMULATOR_LOG_LINE, line.toJson(), options.get());
  }

  public Future<PatternsPage> list(PatternsQuery query) {
    return vertx.eventBus().<JsonObject>request(Addresses.PATTERNS_LIST, query.toJson(), options.get())
        .map(Message::body).map(PatternsPage::fromJson);
  }
}
