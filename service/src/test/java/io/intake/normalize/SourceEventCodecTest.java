package io.intake.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SourceEventCodecTest {

  @Test
  void withinAMemberTheParsedEventIsHandedOnNotParsedAgain(Vertx vertx, VertxTestContext test) {
    SourceEventCodec.install(vertx);
    SourceEventCodec.install(vertx); // every verticle installs it; twice is fine
    SourceEvent event = SourceEvent.received("demo", "{\"service\":\"api\"}");
    vertx.eventBus().<SourceEvent>consumer("source-event-test", m -> test.verify(() -> {
      assertThat(m.body()).isSameAs(event);
      assertThat(m.body().payload()).isSameAs(event.payload());
      test.completeNow();
    }));
    vertx.eventBus().send("source-event-test", event);
  }

  @Test
  void betweenMembersTheRawBodyTravelsExactlyAndIsParsedOnArrival() {
    SourceEventCodec codec = new SourceEventCodec();
    String raw = "{ \"service\" : \"api\",\n \"severity\":\"sev2\" }";
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, SourceEvent.received("manual", raw));
    SourceEvent decoded = codec.decodeFromWire(6, wire);
    assertThat(decoded.source()).isEqualTo("manual");
    assertThat(decoded.rawBody()).isEqualTo(raw);
    assertThat(decoded.payload().path("severity").asText()).isEqualTo("sev2");
  }

  @Test
  void anInternalEventWithoutARawBodyTravelsAsItsPayload() {
    SourceEventCodec codec = new SourceEventCodec();
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, SourceEvent.internal("watcher", new JsonObject().put("target", "learner").put("lines", 3)));
    SourceEvent decoded = codec.decodeFromWire(0, wire);
    assertThat(decoded.rawBody()).isNull();
    assertThat(decoded.payload().path("target").asText()).isEqualTo("learner");
    assertThat(decoded.payload().path("lines").asInt()).isEqualTo(3);
  }
}
