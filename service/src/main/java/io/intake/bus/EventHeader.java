package io.intake.bus;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The fields every published event body starts with: {@code event_version}, {@code event} (its
 * address) and {@code occurred_at}. Consumers ignore fields they do not know, so a later version
 * may add fields without raising the version.
 */
public record EventHeader(int version, String event, String occurredAt) {

  static EventHeader now(String address) {
    return new EventHeader(Events.VERSION, address, Instant.now().toString());
  }

  public static EventHeader fromJson(JsonObject json) {
    return new EventHeader(json.getInteger("event_version", Events.VERSION), json.getString("event"),
        json.getString("occurred_at"));
  }

  /** A fresh object the event's own fields are added to. */
  JsonObject toJson() {
    return new JsonObject().put("event_version", version).put("event", event).put("occurred_at", occurredAt);
  }
}
