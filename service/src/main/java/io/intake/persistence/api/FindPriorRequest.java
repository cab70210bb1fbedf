package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The outcome a redelivered source event already recorded ({@code intake.outcomes.find-prior}):
 * by the source's event id, or else the resolution of the latest item of the source's keys.
 * On the wire {@code {event_id}} or {@code {source, keys}}.
 */
public record FindPriorRequest(String eventId, String source, List<String> keys) {

  public FindPriorRequest {
    keys = keys == null ? null : List.copyOf(keys);
  }

  public static FindPriorRequest byEventId(String eventId) {
    return new FindPriorRequest(eventId, null, null);
  }

  public static FindPriorRequest resolutionOfLatest(String source, List<String> keys) {
    return new FindPriorRequest(null, source, keys);
  }

  public static FindPriorRequest fromJson(JsonObject json) {
    String eventId = WireFields.optionalString(json, "event_id");
    return eventId != null
        ? byEventId(eventId)
        : resolutionOfLatest(WireFields.requiredString(json, "source"), WireFields.requiredStrings(json, "keys"));
  }

  public JsonObject toJson() {
    return eventId != null
        ? new JsonObject().put("event_id", eventId)
        : new JsonObject().put("source", source).put("keys", new JsonArray(keys));
  }
}
