package io.intake.normalize;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * Carries a {@link SourceEvent} on the bus: within one member the record itself (immutable, its
 * parsed tree is never changed), so the body is parsed once; between cluster members its JSON
 * form. The default codec for {@link SourceEvent}; every member registers it ({@link #install}).
 */
public final class SourceEventCodec implements MessageCodec<SourceEvent, SourceEvent> {

  public static final String NAME = "intake-source-event";

  public static void install(Vertx vertx) {
    try {
      vertx.eventBus().registerDefaultCodec(SourceEvent.class, new SourceEventCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // several verticles of one Vert.x instance install it; the first registration serves all
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, SourceEvent event) {
    Buffer json = event.toJson().toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public SourceEvent decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return SourceEvent.fromJson(new JsonObject(buffer.slice(pos + 4, pos + 4 + length)));
  }

  @Override
  public SourceEvent transform(SourceEvent event) {
    return event;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
