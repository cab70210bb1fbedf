package io.intake.bus;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * A JSON codec that does not copy within one process: for large bodies the sender builds and then
 * never touches again (a batch of 1,000 log records). The default JSON codec deep-copies every
 * local message, which cost more CPU than storing the batch. Between cluster members the body
 * travels as JSON text like any other. Register it on every member ({@link #install}).
 */
public final class HandOffJson extends HandOffCodec<JsonObject> {

  public static final String NAME = "intake-hand-off-json";

  public HandOffJson() {
    super(NAME, json -> json, json -> json);
  }

  /** Delivery options for a body handed off: the sender must not change it after sending. */
  public static DeliveryOptions options(DeliveryOptions base) {
    return new DeliveryOptions(base).setCodecName(NAME);
  }

  public static void install(Vertx vertx) {
    try {
      vertx.eventBus().registerCodec(new HandOffJson());
    } catch (IllegalStateException alreadyRegistered) {
      // one registration per Vert.x instance is enough
    }
  }
}
