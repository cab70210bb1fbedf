package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Identity fingerprints, in order of preference: the open item a source's later event is about
 * ({@code intake.workitems.find-open}), or the open item of each ({@code intake.console.items-by-fingerprint}).
 */
public record FingerprintsQuery(List<String> fingerprints) {

  public FingerprintsQuery {
    fingerprints = List.copyOf(fingerprints);
  }

  public static FingerprintsQuery fromJson(JsonObject json) {
    return new FingerprintsQuery(WireFields.requiredStrings(json, "fingerprints"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("fingerprints", new JsonArray(fingerprints));
  }
}
