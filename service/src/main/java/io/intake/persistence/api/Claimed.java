package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The entries one claim leased, oldest first: {@code {entries: [OutboxEntry…]}}. */
public record Claimed(List<OutboxEntry> entries) {

  public Claimed {
    entries = List.copyOf(entries);
  }

  public static Claimed fromJson(JsonObject json) {
    return new Claimed(WireFields.requiredObjects(json, "entries").stream().map(OutboxEntry::fromJson).toList());
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    entries.forEach(entry -> array.add(entry.toJson()));
    return new JsonObject().put("entries", array);
  }
}
