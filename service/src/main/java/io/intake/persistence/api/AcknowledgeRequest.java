package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A source acknowledged the open item with one of these fingerprints ({@code intake.workitems.acknowledge}).
 *
 * @param acknowledgedAt ISO-8601 instant from the source; null means now
 */
public record AcknowledgeRequest(List<String> fingerprints, String acknowledgedBy, String acknowledgedAt) {

  public AcknowledgeRequest {
    fingerprints = List.copyOf(fingerprints);
  }

  public static AcknowledgeRequest fromJson(JsonObject json) {
    String at = WireFields.optionalString(json, "acknowledged_at");
    if (at != null) {
      try {
        java.time.OffsetDateTime.parse(at);
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("acknowledged_at must be an ISO-8601 timestamp with offset");
      }
    }
    return new AcknowledgeRequest(WireFields.requiredStrings(json, "fingerprints"),
        WireFields.optionalString(json, "acknowledged_by"), at);
  }

  public JsonObject toJson() {
    return new JsonObject().put("fingerprints", new JsonArray(fingerprints))
        .put("acknowledged_by", acknowledgedBy).put("acknowledged_at", acknowledgedAt);
  }
}
