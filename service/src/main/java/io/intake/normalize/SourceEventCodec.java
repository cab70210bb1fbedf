package io.intake.normalize;

import io.intake.bus.HandOffCodec;
import io.vertx.core.Vertx;

/**
 * Carries a {@link SourceEvent} on the bus: within one member the record itself (immutable, its
 * parsed tree is never changed), so the body is parsed once; between cluster members its JSON
 * form. The default codec for {@link SourceEvent}; every member registers it ({@link #install}).
 */
public final class SourceEventCodec extends HandOffCodec<SourceEvent> {

  public static final String NAME = "intake-source-event";

  public SourceEventCodec() {
    super(NAME, SourceEvent::toJson, SourceEvent::fromJson);
  }

  public static void install(Vertx vertx) {
    try {
      vertx.eventBus().registerDefaultCodec(SourceEvent.class, new SourceEventCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // several verticles of one Vert.x instance install it; the first registration serves all
    }
  }
}
