package io.intake.enrichment;

import io.intake.bus.Addresses;
import io.intake.llm.CleanResult;
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
 * The JSON shapes of those messages are mapped here and nowhere else on this side.
 */
public final class EnrichmentStore {

  /** A vector to store; {@code cleanedNow} (may be null) is stored with it in the same statement. */
  public record Embedded(String id, byte[] embedding, CleanResult cleanedNow) {
    JsonObject toJson() {
      JsonObject row = new JsonObject().put("id", id).put("embedding", embedding);
      if (cleanedNow != null) {
        row.put("description", cleanedNow.description()).put("source", cleanedNow.source())
            .put("model", cleanedNow.model());
      }
      return row;
    }
  }

  /** A semantic merge the index decided: {@code id} folds into {@code into}. */
  public record Merge(String id, String into, double score, String model, double threshold) {
    JsonObject toJson() {
      return new JsonObject().put("id", id).put("into", into).put("score", score).put("model", model)
          .put("threshold", threshold);
    }
  }

  /** A look-alike the index found, kept as a relation (both stay live). */
  public record Relation(String id, String other, double score, String model, double threshold) {
    JsonObject toJson() {
      return new JsonObject().put("id", id).put("other", other).put("score", score).put("model", model)
          .put("threshold", threshold);
    }
  }

  /** A failed attempt to record; {@code finalState} (may be null) is taken at once. */
  public record Attempt(String id, String error, EnrichmentState finalState) {
    JsonObject toJson() {
      return new JsonObject().put("id", id).put("error", error)
          .put("final_state", finalState == null ? null : finalState.wire());
    }
  }

  /** An item's state after a failed attempt was recorded. */
  public record Recorded(String id, EnrichmentState state, int attempts) {
  }

  private final EventBus bus;
  private final DeliveryOptions options;

  public EnrichmentStore(EventBus bus, DeliveryOptions options) {
    this.bus = bus;
    this.options = options;
  }

  /** Claims the unfinished items among {@code ids} for a pass (their attempts + 1). */
  public Future<List<EnrichmentItem>> begin(List<String> ids) {
    return request(Addresses.ENRICHMENT_BEGIN, new JsonObject().put("ids", new JsonArray(new ArrayList<>(ids))))
        .map(begun -> list(begun.getJsonArray("items"), EnrichmentItem::fromJson));
  }

  /** Stores descriptions cleaned by a pass that could not embed them (the next pass starts at cleaned). */
  public Future<Void> cleaned(List<CleanResult> results) {
    JsonArray items = new JsonArray(new ArrayList<>(results.size()));
    results.forEach(r -> items.add(r.toJson()));
    return request(Addresses.ENRICHMENT_CLEANED, new JsonObject().put("items", items)).mapEmpty();
  }

  public Future<Void> embedded(String model, int dimension, List<Embedded> rows) {
    JsonArray items = new JsonArray(new ArrayList<>(rows.size()));
    rows.forEach(r -> items.add(r.toJson()));
    return request(Addresses.ENRICHMENT_EMBEDDED, new JsonObject().put("model", model).put("dimension", dimension)
        .put("items", items)).mapEmpty();
  }

  /**
   * Marks items indexed with their coordinates and records merges and relations, in one
   * transaction; answers the ids it marked (an item settled meanwhile is left out).
   */
  public Future<List<String>> indexed(List<Coordinates> coordinates, List<Merge> merges, List<Relation> related) {
    JsonArray items = new JsonArray();
    coordinates.forEach(c -> items.add(c.toJson()));
    JsonArray m = new JsonArray();
    merges.forEach(x -> m.add(x.toJson()));
    JsonArray r = new JsonArray();
    related.forEach(x -> r.add(x.toJson()));
    return request(Addresses.ENRICHMENT_INDEXED, new JsonObject().put("items", items).put("merges", m).put("related", r))
        .map(done -> list(done.getJsonArray("indexed"), row -> row.getString("id")));
  }

  /** Records failed attempts; an item out of {@code maxAttempts} becomes {@code failed}. */
  public Future<List<Recorded>> failed(List<Attempt> attempts, int maxAttempts) {
    JsonArray items = new JsonArray(new ArrayList<>(attempts.size()));
    attempts.forEach(a -> items.add(a.toJson()));
    return request(Addresses.ENRICHMENT_FAILED, new JsonObject().put("items", items).put("max_attempts", maxAttempts))
        .map(recorded -> list(recorded.getJsonArray("items"), r -> new Recorded(r.getString("id"),
            EnrichmentState.of(r.getString("state")), r.getInteger("attempts", 1))));
  }

  /** Ids of unfinished items nobody touched for {@code olderThanSeconds}, oldest first. */
  public Future<List<String>> stale(double olderThanSeconds, int limit) {
    return request(Addresses.ENRICHMENT_STALE, new JsonObject().put("older_than_seconds", olderThanSeconds)
        .put("limit", limit))
        .map(found -> strings(found.getJsonArray("ids")));
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
