package io.intake.enrichment;

import io.intake.bus.Addresses;
import io.intake.llm.CleanResult;
import io.intake.persistence.api.WireFields;
import io.intake.vectors.Coordinates;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The persisted enrichment state, typed: one method per {@code Addresses.ENRICHMENT_*} message.
 * The records below are those messages' requests and replies, each with its one JSON mapping;
 * {@code persistence.EnrichmentStateVerticle} decodes the same records.
 */
public final class EnrichmentStore {

  /** A vector to store; {@code cleanedNow} (may be null) is stored with it in the same statement. */
  public record Embedded(String id, byte[] embedding, CleanResult cleanedNow) {
    public JsonObject toJson() {
      JsonObject row = new JsonObject().put("id", id).put("embedding", embedding);
      if (cleanedNow != null) {
        row.put("description", cleanedNow.description()).put("source", cleanedNow.source())
            .put("model", cleanedNow.model());
      }
      return row;
    }

    public static Embedded fromJson(JsonObject json) {
      String id = WireFields.requiredString(json, "id");
      String description = WireFields.optionalString(json, "description");
      return new Embedded(id, WireFields.requiredBinary(json, "embedding"), description == null ? null
          : new CleanResult(id, description, WireFields.optionalString(json, "source"),
              WireFields.optionalString(json, "model"), null));
    }
  }

  /** A semantic merge the index decided: {@code id} folds into {@code into}. */
  public record Merge(String id, String into, double score, String model, double threshold) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("into", into).put("score", score).put("model", model)
          .put("threshold", threshold);
    }

    public static Merge fromJson(JsonObject json) {
      return new Merge(WireFields.requiredString(json, "id"), WireFields.requiredString(json, "into"),
          WireFields.requiredDouble(json, "score"), WireFields.optionalString(json, "model"),
          WireFields.requiredDouble(json, "threshold"));
    }
  }

  /** A look-alike the index found, kept as a relation (both stay live). */
  public record Relation(String id, String other, double score, String model, double threshold) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("other", other).put("score", score).put("model", model)
          .put("threshold", threshold);
    }

    public static Relation fromJson(JsonObject json) {
      return new Relation(WireFields.requiredString(json, "id"), WireFields.requiredString(json, "other"),
          WireFields.requiredDouble(json, "score"), WireFields.optionalString(json, "model"),
          WireFields.requiredDouble(json, "threshold"));
    }
  }

  /** A failed attempt to record; {@code finalState} (may be null) is taken at once. */
  public record Attempt(String id, String error, EnrichmentState finalState) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("error", error)
          .put("final_state", finalState == null ? null : finalState.wire());
    }

    public static Attempt fromJson(JsonObject json) {
      String finalState = WireFields.optionalString(json, "final_state");
      return new Attempt(WireFields.requiredString(json, "id"), WireFields.optionalString(json, "error"),
          finalState == null ? null : EnrichmentState.of(finalState));
    }
  }

  /** An item's state after a failed attempt was recorded. */
  public record Recorded(String id, EnrichmentState state, int attempts) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("state", state.wire()).put("attempts", attempts);
    }

    public static Recorded fromJson(JsonObject json) {
      return new Recorded(json.getString("id"), EnrichmentState.of(json.getString("state")), json.getInteger("attempts", 1));
    }
  }

  /** {@code begin {ids}}: claim these items for a pass. */
  public record Begin(List<String> ids) {
    public Begin {
      ids = List.copyOf(ids);
    }

    public JsonObject toJson() {
      return new JsonObject().put("ids", new JsonArray(new ArrayList<>(ids)));
    }

    public static Begin fromJson(JsonObject json) {
      return new Begin(WireFields.requiredStrings(json, "ids"));
    }
  }

  /** The answer to {@code begin}: {@code {items: [EnrichmentItem…]}}. */
  public record Begun(List<EnrichmentItem> items) {
    public Begun {
      items = List.copyOf(items);
    }

    public JsonObject toJson() {
      return new JsonObject().put("items", array(items, EnrichmentItem::toJson));
    }

    public static Begun fromJson(JsonObject json) {
      return new Begun(list(json.getJsonArray("items"), EnrichmentItem::fromJson));
    }
  }

  /** {@code cleaned {items: [CleanResult…]}}: descriptions a pass cleaned but could not embed. */
  public record Cleaned(List<CleanResult> items) {
    public Cleaned {
      items = List.copyOf(items);
    }

    public JsonObject toJson() {
      return new JsonObject().put("items", array(items, CleanResult::toJson));
    }

    public static Cleaned fromJson(JsonObject json) {
      return new Cleaned(WireFields.requiredObjects(json, "items").stream().map(item -> {
        WireFields.requiredString(item, "id");
        return CleanResult.fromJson(item);
      }).toList());
    }
  }

  /** {@code embedded {model, dimension, items: [Embedded…]}}. */
  public record EmbeddedBatch(String model, int dimension, List<Embedded> items) {
    public EmbeddedBatch {
      items = List.copyOf(items);
    }

    public JsonObject toJson() {
      return new JsonObject().put("model", model).put("dimension", dimension).put("items", array(items, Embedded::toJson));
    }

    public static EmbeddedBatch fromJson(JsonObject json) {
      return new EmbeddedBatch(WireFields.requiredString(json, "model"), WireFields.requiredInt(json, "dimension"),
          WireFields.requiredObjects(json, "items").stream().map(Embedded::fromJson).toList());
    }
  }

  /**
   * {@code indexed {items: [Coordinates…], merges: [Merge…], related: [Relation…], embedded?: EmbeddedBatch}}:
   * {@code embedded} (left out when none) holds the vectors and cleaned descriptions this pass has
   * not stored yet; they are written in the same transaction as the indexed state. A persistence
   * member older than that field would mark the items indexed without them, so the owner of
   * enrichment state is upgraded before enrichment (docs/enrichment.md).
   */
  public record IndexedBatch(List<Coordinates> items, List<Merge> merges, List<Relation> related, EmbeddedBatch embedded) {
    public IndexedBatch {
      items = List.copyOf(items);
      merges = List.copyOf(merges);
      related = List.copyOf(related);
      if (embedded != null && embedded.items().isEmpty()) {
        embedded = null;
      }
    }

    public IndexedBatch(List<Coordinates> items, List<Merge> merges, List<Relation> related) {
      this(items, merges, related, null);
    }

    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("items", array(items, Coordinates::toJson)).put("merges", array(merges, Merge::toJson))
          .put("related", array(related, Relation::toJson));
      if (embedded != null) {
        json.put("embedded", embedded.toJson());
      }
      return json;
    }

    public static IndexedBatch fromJson(JsonObject json) {
      JsonObject embedded = WireFields.optionalObject(json, "embedded");
      return new IndexedBatch(
          WireFields.requiredObjects(json, "items").stream().map(EnrichmentStore::coordinates).toList(),
          WireFields.optionalObjects(json, "merges").stream().map(Merge::fromJson).toList(),
          WireFields.optionalObjects(json, "related").stream().map(Relation::fromJson).toList(),
          embedded == null ? null : EmbeddedBatch.fromJson(embedded));
    }
  }

  /** An item marked indexed: its description and place, as published. */
  public record IndexedItem(String id, String description, Coordinates coordinates) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("description", description).put("embedding_3d", embedding3d());
    }

    /** The place as the API shows it: {@code {x, y, z}}. */
    public JsonObject embedding3d() {
      return new JsonObject().put("x", coordinates.x()).put("y", coordinates.y()).put("z", coordinates.z());
    }

    public static IndexedItem fromJson(JsonObject json) {
      JsonObject xyz = json.getJsonObject("embedding_3d");
      String id = json.getString("id");
      return new IndexedItem(id, json.getString("description"),
          new Coordinates(id, xyz.getFloat("x"), xyz.getFloat("y"), xyz.getFloat("z")));
    }
  }

  /** A merge target's count after the merges folded into it. */
  public record Target(String id, int occurrenceCount, String lastSeenAt) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("occurrence_count", occurrenceCount).put("last_seen_at", lastSeenAt);
    }

    public static Target fromJson(JsonObject json) {
      return new Target(json.getString("id"), json.getInteger("occurrence_count"), json.getString("last_seen_at"));
    }
  }

  /**
   * The answer to {@code indexed}: the items marked (one settled meanwhile is left out), the merges
   * that took, the targets' new counts, the relations recorded.
   */
  public record IndexedResult(List<IndexedItem> indexed, List<Merge> merges, List<Target> targets, List<Relation> related) {
    public IndexedResult {
      indexed = List.copyOf(indexed);
      merges = List.copyOf(merges);
      targets = List.copyOf(targets);
      related = List.copyOf(related);
    }

    public JsonObject toJson() {
      return new JsonObject().put("merges", array(merges, Merge::toJson)).put("targets", array(targets, Target::toJson))
          .put("related", array(related, Relation::toJson)).put("indexed", array(indexed, IndexedItem::toJson));
    }

    public static IndexedResult fromJson(JsonObject json) {
      return new IndexedResult(list(json.getJsonArray("indexed"), IndexedItem::fromJson),
          list(json.getJsonArray("merges"), Merge::fromJson), list(json.getJsonArray("targets"), Target::fromJson),
          list(json.getJsonArray("related"), Relation::fromJson));
    }
  }

  /** {@code failed {items: [Attempt…], max_attempts}} (max_attempts 5 when left out). */
  public record FailedBatch(List<Attempt> items, int maxAttempts) {
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    public FailedBatch {
      items = List.copyOf(items);
    }

    public JsonObject toJson() {
      return new JsonObject().put("items", array(items, Attempt::toJson)).put("max_attempts", maxAttempts);
    }

    public static FailedBatch fromJson(JsonObject json) {
      return new FailedBatch(WireFields.requiredObjects(json, "items").stream().map(Attempt::fromJson).toList(),
          WireFields.optionalInt(json, "max_attempts", DEFAULT_MAX_ATTEMPTS));
    }
  }

  /** The answer to {@code failed}: {@code {items: [Recorded…]}}. */
  public record FailedResult(List<Recorded> items) {
    public FailedResult {
      items = List.copyOf(items);
    }

    public JsonObject toJson() {
      return new JsonObject().put("items", array(items, Recorded::toJson));
    }

    public static FailedResult fromJson(JsonObject json) {
      return new FailedResult(list(json.getJsonArray("items"), Recorded::fromJson));
    }
  }

  /** {@code stale {older_than_seconds, limit}} (60 s and 500 when left out). */
  public record StaleQuery(double olderThanSeconds, int limit) {
    public static final double DEFAULT_OLDER_THAN_SECONDS = 60.0;
    public static final int DEFAULT_LIMIT = 500;

    public JsonObject toJson() {
      return new JsonObject().put("older_than_seconds", olderThanSeconds).put("limit", limit);
    }

    public static StaleQuery fromJson(JsonObject json) {
      return new StaleQuery(WireFields.optionalDouble(json, "older_than_seconds", DEFAULT_OLDER_THAN_SECONDS),
          WireFields.optionalInt(json, "limit", DEFAULT_LIMIT));
    }
  }

  /** Ids, oldest first: the answer to {@code stale}. */
  public record Ids(List<String> ids) {
    public Ids {
      ids = List.copyOf(ids);
    }

    public JsonObject toJson() {
      return new JsonObject().put("ids", new JsonArray(new ArrayList<>(ids)));
    }

    public static Ids fromJson(JsonObject json) {
      return new Ids(strings(json.getJsonArray("ids")));
    }
  }

  /** How many rows a batch statement changed: {@code {updated}}. */
  public record Updated(int updated) {
    public JsonObject toJson() {
      return new JsonObject().put("updated", updated);
    }

    public static Updated fromJson(JsonObject json) {
      return new Updated(json.getInteger("updated", 0));
    }
  }

  /** Items not finished, given up on, and with nothing to embed: {@code {unfinished, failed, not_embeddable}}. */
  public record Stats(long unfinished, long failed, long notEmbeddable) {
    public JsonObject toJson() {
      return new JsonObject().put("unfinished", unfinished).put("failed", failed).put("not_embeddable", notEmbeddable);
    }

    public static Stats fromJson(JsonObject json) {
      return new Stats(json.getLong("unfinished", 0L), json.getLong("failed", 0L), json.getLong("not_embeddable", 0L));
    }
  }

  private final EventBus bus;
  private final DeliveryOptions options;

  public EnrichmentStore(EventBus bus, DeliveryOptions options) {
    this.bus = bus;
    this.options = options;
  }

  /** Claims the unfinished items among {@code ids} for a pass (their attempts + 1). */
  public Future<List<EnrichmentItem>> begin(List<String> ids) {
    return request(Addresses.ENRICHMENT_BEGIN, new Begin(ids).toJson()).map(begun -> Begun.fromJson(begun).items());
  }

  /** Stores descriptions cleaned by a pass that could not embed them (the next pass starts at cleaned). */
  public Future<Void> cleaned(List<CleanResult> results) {
    return request(Addresses.ENRICHMENT_CLEANED, new Cleaned(results).toJson()).mapEmpty();
  }

  public Future<Void> embedded(String model, int dimension, List<Embedded> rows) {
    return request(Addresses.ENRICHMENT_EMBEDDED, new EmbeddedBatch(model, dimension, rows).toJson()).mapEmpty();
  }

  /**
   * Marks items indexed with their coordinates and records merges and relations, in one
   * transaction; answers the ids it marked (an item settled meanwhile is left out).
   */
  public Future<List<String>> indexed(List<Coordinates> coordinates, List<Merge> merges, List<Relation> related) {
    return indexed(new IndexedBatch(coordinates, merges, related));
  }

  /**
   * As {@link #indexed(List, List, List)}, with the vectors (and cleaned descriptions) the batch
   * has not stored yet written in the same transaction: one commit for the whole pass's results.
   */
  public Future<List<String>> indexed(IndexedBatch batch) {
    return request(Addresses.ENRICHMENT_INDEXED, batch.toJson())
        .map(done -> IndexedResult.fromJson(done).indexed().stream().map(IndexedItem::id).toList());
  }

  /** Records failed attempts; an item out of {@code maxAttempts} becomes {@code failed}. */
  public Future<List<Recorded>> failed(List<Attempt> attempts, int maxAttempts) {
    return request(Addresses.ENRICHMENT_FAILED, new FailedBatch(attempts, maxAttempts).toJson())
        .map(recorded -> FailedResult.fromJson(recorded).items());
  }

  /** Ids of unfinished items nobody touched for {@code olderThanSeconds}, oldest first. */
  public Future<List<String>> stale(double olderThanSeconds, int limit) {
    return request(Addresses.ENRICHMENT_STALE, new StaleQuery(olderThanSeconds, limit).toJson())
        .map(found -> Ids.fromJson(found).ids());
  }

  /** Unfinished, failed and not-embeddable counts, for stats. */
  public Future<Stats> stats() {
    return request(Addresses.ENRICHMENT_STATS, new JsonObject()).map(Stats::fromJson);
  }

  static List<String> strings(JsonArray ids) {
    List<String> out = new ArrayList<>(ids == null ? 0 : ids.size());
    if (ids != null) {
      for (int i = 0; i < ids.size(); i++) {
        out.add(ids.getString(i));
      }
    }
    return out;
  }

  private static Coordinates coordinates(JsonObject json) {
    WireFields.requiredString(json, "id");
    WireFields.requiredDouble(json, "x");
    WireFields.requiredDouble(json, "y");
    WireFields.requiredDouble(json, "z");
    return Coordinates.fromJson(json);
  }

  private static <T> JsonArray array(List<T> items, Function<T, JsonObject> toJson) {
    JsonArray out = new JsonArray(new ArrayList<>(items.size()));
    items.forEach(item -> out.add(toJson.apply(item)));
    return out;
  }

  private static <T> List<T> list(JsonArray rows, Function<JsonObject, T> map) {
    List<T> out = new ArrayList<>(rows == null ? 0 : rows.size());
    if (rows != null) {
      for (int i = 0; i < rows.size(); i++) {
        out.add(map.apply(rows.getJsonObject(i)));
      }
    }
    return out;
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return bus.<JsonObject>request(address, body, options).map(Message::body);
  }
}
