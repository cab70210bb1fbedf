package io.intake.llm;

import io.intake.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The typed face of {@link LlmPreprocessVerticle} on the event bus (JSON stays the wire format). */
public final class LlmClient {

  private final EventBus bus;
  private final DeliveryOptions options;

  public LlmClient(EventBus bus, DeliveryOptions options) {
    this.bus = bus;
    this.options = options;
  }

  /** One cleaned description per request, in order; never fails for one text (the rules cleaner answers). */
  public Future<List<CleanResult>> clean(List<CleanRequest> requests) {
    return bus.<JsonObject>request(Addresses.LLM_CLEAN, CleanRequest.toMessage(requests), options)
        .map(Message::body)
        .map(CleanResult::fromMessage);
  }
}
