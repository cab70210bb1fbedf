package io.intake.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class HandOffJsonTest {

  @Test
  void withinAProcessTheReceiverGetsTheSameObjectWithItsHeaders(Vertx vertx, VertxTestContext test) {
    HandOffJson.install(vertx);
    HandOffJson.install(vertx); // twice is fine
    JsonObject body = new JsonObject().put("records", new JsonArray().add(new JsonObject().put("occurred_at", Instant.EPOCH)));
    vertx.eventBus().<JsonObject>consumer("hand-off-test", m -> test.verify(() -> {
      assertThat(m.body()).isSameAs(body);
      assertThat(m.headers().get("x-correlation-id")).isEqualTo("c-1");
      test.completeNow();
    }));
    vertx.eventBus().send("hand-off-test", body,
        HandOffJson.options(new DeliveryOptions().addHeader("x-correlation-id", "c-1")));
  }

  @Test
  void betweenMembersItIsJsonAndInstantsComeBackAsInstants() {
    HandOffJson codec = new HandOffJson();
    JsonObject body = new JsonObject().put("records", new JsonArray()
        .add(new JsonObject().put("message", "disk full").put("occurred_at", Instant.parse("2026-11-22T10:00:00.123Z"))));
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, body);
    JsonObject decoded = codec.decodeFromWire(6, wire);
    JsonObject record = decoded.getJsonArray("records").getJsonObject(0);
    assertThat(record.getString("message")).isEqualTo("disk full");
    assertThat(record.getInstant("occurred_at")).isEqualTo(Instant.parse("2026-11-22T10:00:00.123Z"));
  }
}
