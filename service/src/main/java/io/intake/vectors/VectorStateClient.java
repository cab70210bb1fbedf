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

  /**
   * {@code vectors.page {after_id?, limit, packed?}} (limit 1000 when left out): stored vectors by id, as
   * records or, when {@code packed}, as one {@link PackedPage}.
   */
  public record PageQuery(String afterId, int limit, boolean packed) {
    public static final int DEFAULT_LIMIT = 1000;

    public PageQuery(String afterId, int limit) {
      this(afterId, limit, false);
    }

    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("after_id", afterId).put("limit", limit);
      return packed ? json.put("packed", true) : json;
    }

    public static PageQuery fromJson(JsonObject json) {
      return new PageQuery(WireFields.optionalString(json, "after_id"), WireFields.optionalInt(json, "limit", DEFAULT_LIMIT),
          WireFields.optionalBoolean(json, "packed", false));
    }
  }

  /**
   * A page of index entries packed into bytes ({@link PackedVectors}): the answer to a packed
   * {@code vectors.page} and to {@code vectors.changes}.
   *
   * @param lastId   the last item's id (null: empty page)
   * @param lastMark the last item's change marker ({@code vectors.changes} only, else -1)
   * @param removed  ids deleted since the marker asked for ({@code vectors.changes}' first page only)
   */
  public record PackedPage(byte[] packed, int count, String lastId, long lastMark, List<String> removed) {
    public PackedPage {
      removed = List.copyOf(removed);
    }

    static PackedPage of(List<VectorRecord> records) {
      PackedVectors.Writer writer = new PackedVectors.Writer(records.size() * 1_700);
      records.forEach(writer::add);
      return new PackedPage(writer.toBytes(), records.size(), records.isEmpty() ? null : records.get(records.size() - 1).id(),
          -1, List.of());
    }

    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("packed", packed).put("count", count).put("last_id", lastId)
          .put("last_mark", lastMark);
      return removed.isEmpty() ? json : json.put("removed", new JsonArray(new ArrayList<>(removed)));
    }

    public static PackedPage fromJson(JsonObject json) {
      List<String> removed = new ArrayList<>();
      json.getJsonArray("removed", new JsonArray()).forEach(id -> removed.add((String) id));
      return new PackedPage(json.getBinary("packed"), json.getInteger("count"), json.getString("last_id"),
          json.getLong("last_mark", -1L), removed);
    }
  }

  /**
   * {@code vectors.changes {since, after_mark?, after_id?, limit}}: items whose indexed fields were
   * written by transaction {@code since} or a later one, in (marker, id) order after the given pair.
   */
  public record ChangesQuery(long since, long afterMark, String afterId, int limit) {
    public JsonObject toJson() {
      return new JsonObject().put("since", since).put("after_mark", afterMark).put("after_id", afterId).put("limit", limit);
    }

    public static ChangesQuery fromJson(JsonObject json) {
      long since = WireFields.optionalLong(json, "since", 0L);
      return new ChangesQuery(since, WireFields.optionalLong(json, "after_mark", since),
          WireFields.optionalString(json, "after_id"), WireFields.optionalInt(json, "limit", PageQuery.DEFAULT_LIMIT));
    }
  }

  /**
   * The answer to {@code vectors.mark}: the oldest transaction still running (every older one has
   * committed or rolled back) and the identity of the database the marker belongs to.
   */
  public record Mark(long mark, String database) {
    public JsonObject toJson() {
      return new JsonObject().put("mark", mark).put("database", database);
    }

    public static Mark fromJson(JsonObject json) {
      return new Mark(json.getLong("mark"), json.getString("database"));
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

  /**
   * Like {@link #page}, packed. A persistence member that does not know the packed form answers
   * with records, which are packed here: members of different versions still rebuild each other.
   */
  public Future<PackedPage> packedPage(String afterId, int limit) {
    return request(Addresses.VECTORS_PAGE, new PageQuery(afterId, limit, true).toJson())
        .map(page -> page.containsKey("packed") ? PackedPage.fromJson(page) : PackedPage.of(Page.fromJson(page).records()));
  }

  public Future<PackedPage> changes(ChangesQuery query) {
    return request(Addresses.VECTORS_CHANGES, query.toJson()).map(PackedPage::fromJson);
  }

  public Future<Mark> mark() {
    return request(Addresses.VECTORS_MARK, new JsonObject()).map(Mark::fromJson);
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
