package io.intake.vectors;

import io.intake.bus.Addresses;
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
 * JSON shapes of these persistence messages are mapped here and nowhere else on this side.
 */
public final class VectorStateClient {

  /** A work item's stored vector: null {@code vector} while enrichment has not embedded it. */
  public record StoredVector(String id, String state, String model, byte[] vector) {
  }

  private final EventBus bus;
  private final DeliveryOptions options;

  public VectorStateClient(EventBus bus, DeliveryOptions options) {
    this.bus = bus;
    this.options = options;
  }

  /** Up to {@code limit} stored vectors with ids after {@code afterId} (null: from the start), by id. */
  public Future<List<VectorRecord>> page(String afterId, int limit) {
    return request(Addresses.VECTORS_PAGE, new JsonObject().put("after_id", afterId).put("limit", limit)).map(page -> {
      JsonArray rows = page.getJsonArray("records", new JsonArray());
      List<VectorRecord> records = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        records.add(VectorRecord.fromJson(rows.getJsonObject(i)));
      }
      return records;
    });
  }

  /** Fails NOT_FOUND when there is no such work item. */
  public Future<StoredVector> vector(String id) {
    return request(Addresses.VECTOR_GET, new JsonObject().put("id", id)).map(found ->
        new StoredVector(id, found.getString("state"), found.getString("model"), found.getBinary("vector")));
  }

  public Future<Void> updateCoordinates(List<Coordinates> items) {
    JsonArray rows = new JsonArray(new ArrayList<>(items.size()));
    items.forEach(c -> rows.add(c.toJson()));
    return request(Addresses.COORDINATES_UPDATE, new JsonObject().put("items", rows)).mapEmpty();
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
