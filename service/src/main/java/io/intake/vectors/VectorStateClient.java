package io.intake.vectors;

import io.intake.bus.Addresses;
import io.intake.persistence.api.WireFields;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The persisted vector state the index needs (vectors, coordinates, the projection), typed. The
 * records below are these persistence messages' requests and replies, each with its one JSON
 * mapping; {@code persistence.EnrichmentStateVerticle} decodes the same records.
 */
public final class VectorStateClient {

  /** A work item's stored vector: null {@code vector} while enrichment has not embedded it. */
  public record StoredVector(String id, String state, String model, byte[] vector) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("state", state).put("model", model).put("vector", vector);
    }

    public static StoredVector fromJson(JsonObject json) {
      return new StoredVector(json.getString("id"), json.getString("state"), json.getString("model"),
          json.getBinary("vector"));
    }
  }

  /** {@code vectors.page {after_id?, limit}} (1000 when left out): stored vectors by id. */
  public record PageQuery(String afterId, int limit) {
    public static final int DEFAULT_LIMIT = 1000;

    public JsonObject toJson() {
      return new JsonObject().put("after_id", afterId).put("limit", limit);
    }

    public static PageQuery fromJson(JsonObject json) {
      return new PageQuery(WireFields.optionalString(json, "after_id"), WireFields.optionalInt(json, "limit", DEFAULT_LIMIT));
    }
  }

  /** The answer to {@code vectors.page}: {@code {records: [VectorRecord…]}}. */
  public record Page(List<VectorRecord> records) {
    public Page {
      records = List.copyOf(records);
    }

    public JsonObject toJson() {
      JsonArray rows = new JsonArray(new ArrayList<>(records.size()));
      records.forEach(r -> rows.add(r.toJson()));
      return new JsonObject().put("records", rows);
    }

    public static Page fromJson(JsonObject json) {
      JsonArray rows = json.getJsonArray("records", new JsonArray());
      List<VectorRecord> records = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        records.add(VectorRecord.fromJson(rows.getJsonObject(i)));
      }
      return new Page(records);
    }
  }

  /** {@code vector.get {id}}. */
  public record VectorQuery(String id) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id);
    }

    public static VectorQuery fromJson(JsonObject json) {
      return new VectorQuery(WireFields.requiredString(json, "id"));
    }
  }

  /** {@code coordinates.update {items: [Coordinates…]}}. */
  public record CoordinatesUpdate(List<Coordinates> items) {
    public CoordinatesUpdate {
      items = List.copyOf(items);
    }

    public JsonObject toJson() {
      JsonArray rows = new JsonArray(new ArrayList<>(items.size()));
      items.forEach(c -> rows.add(c.toJson()));
      return new JsonObject().put("items", rows);
    }

    public static CoordinatesUpdate fromJson(JsonObject json) {
      return new CoordinatesUpdate(WireFields.requiredObjects(json, "items").stream().map(c -> {
        WireFields.requiredString(c, "id");
        WireFields.requiredDouble(c, "x");
        WireFields.requiredDouble(c, "y");
        WireFields.requiredDouble(c, "z");
        return Coordinates.fromJson(c);
      }).toList());
    }
  }

  private final EventBus bus;
  private final DeliveryOptions options;

  public VectorStateClient(EventBus bus, DeliveryOptions options) {
    this.bus = bus;
    this.options = options;
  }

  /** Up to {@code limit} stored vectors with ids after {@code afterId} (null: from the start), by id. */
  public Future<List<VectorRecord>> page(String afterId, int limit) {
    return request(Addresses.VECTORS_PAGE, new PageQuery(afterId, limit).toJson()).map(page -> Page.fromJson(page).records());
  }

  /** Fails NOT_FOUND when there is no such work item. */
  public Future<StoredVector> vector(String id) {
    return request(Addresses.VECTOR_GET, new VectorQuery(id).toJson()).map(StoredVector::fromJson);
  }

  public Future<Void> updateCoordinates(List<Coordinates> items) {
    return request(Addresses.COORDINATES_UPDATE, new CoordinatesUpdate(items).toJson()).mapEmpty();
  }

  /** The saved projection, or null when none was ever fitted. */
  public Future<SavedProjection> projection() {
    return request(Addresses.PROJECTION_GET, new JsonObject()).map(SavedProjection::fromJson);
  }

  public Future<Void> saveProjection(SavedProjection saved) {
    return request(Addresses.PROJECTION_SAVE, saved.toJson()).mapEmpty();
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return bus.<JsonObject>request(address, body, options).map(Message::body);
  }
}
