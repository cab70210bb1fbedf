package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kafka record kept in PostgreSQL while the broker was unreachable: its topic, key and value
 * exactly as they were to be sent; {@code id} orders the relay (0 before it is stored).
 */
public record FallbackRecord(long id, String topic, String key, String value) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("topic", topic).put("key", key).put("value", value);
  }

  public static FallbackRecord fromJson(JsonObject json) {
    return new FallbackRecord(WireFields.optionalLong(json, "id", 0L), WireFields.requiredString(json, "topic"),
        WireFields.optionalString(json, "key"), WireFields.requiredString(json, "value"));
  }

  /** {@code {records: [...]}}. */
  public static JsonObject listToJson(List<FallbackRecord> records) {
    JsonArray out = new JsonArray(new ArrayList<>(records.size()));
    records.forEach(r -> out.add(r.toJson()));
    return new JsonObject().put("records", out);
  }

  public static List<FallbackRecord> listFromJson(JsonObject body) {
    List<FallbackRecord> out = new ArrayList<>();
    WireFields.requiredObjects(body, "records").forEach(r -> out.add(fromJson(r)));
    return out;
  }

  /**
   * Taking the head of the fallback for relaying: up to {@code limit} records, leased to
   * {@code owner} for {@code leaseMs}; nothing while another owner's lease runs (one relay at a
   * time keeps the order).
   */
  public record Take(String owner, int limit, long leaseMs) {

    public JsonObject toJson() {
      return new JsonObject().put("owner", owner).put("limit", limit).put("lease_ms", leaseMs);
    }

    public static Take fromJson(JsonObject json) {
      return new Take(WireFields.requiredString(json, "owner"), WireFields.requiredInt(json, "limit"),
          WireFields.requiredLong(json, "lease_ms"));
    }
  }

  /** The fallback's depth: records waiting, and the oldest one's age. */
  public record Depth(long records, Long oldestAgeMs) {

    public JsonObject toJson() {
      return new JsonObject().put("records", records).put("oldest_age_ms", oldestAgeMs);
    }

    public static Depth fromJson(JsonObject json) {
      Object age = json.getValue("oldest_age_ms");
      return new Depth(WireFields.requiredLong(json, "records"), age instanceof Number n ? n.longValue() : null);
    }
  }
}
