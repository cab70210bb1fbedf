package io.intake.vectors;

import io.intake.embedding.Vectors;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Vectors to add to the index: the body of {@link io.intake.bus.Addresses#VECTORS_INDEX}
 * ({@code {records: [{...VectorRecord, native_identity}], dedup}}); this file is its only JSON mapping.
 *
 * @param dedup false: store only, no merge or related decision for this batch
 */
public record IndexRequest(List<Entry> entries, boolean dedup) {

  /**
   * @param nativeIdentity the item has its sender's own identity (a source key): it is never folded
   *     into a look-alike, only related to it
   */
  public record Entry(VectorRecord record, boolean nativeIdentity) {
  }

  public IndexRequest {
    entries = List.copyOf(entries);
  }

  public JsonObject toJson() {
    JsonArray records = new JsonArray(new ArrayList<>(entries.size()));
    entries.forEach(e -> records.add(e.record().toJson().put("native_identity", e.nativeIdentity())));
    return new JsonObject().put("records", records).put("dedup", dedup);
  }

  public static IndexRequest fromJson(JsonObject body) {
    JsonArray rows = body.getJsonArray("records", new JsonArray());
    List<Entry> entries = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonObject row = rows.getJsonObject(i);
      // Unknown (an older sender of this message): treated as native, so it is never merged by text.
      entries.add(new Entry(VectorRecord.fromJson(row), row.getBoolean("native_identity", true)));
    }
    return new IndexRequest(entries, body.getBoolean("dedup", true));
  }
}
