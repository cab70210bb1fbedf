package io.intake.vectors;

import io.intake.embedding.Vectors;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One indexed work item: its vector plus the properties searches filter on.
 *
 * <p>On the bus (a page of {@link io.intake.bus.Addresses#VECTORS_PAGE}, a record of
 * {@link io.intake.bus.Addresses#VECTORS_INDEX}): {@code {id, service, severity, status, created_at,
 * description, model, vector: bytes}}; this file is its only JSON mapping.
 *
 * @param model the embedding model that made the vector (vectors of different models never mix)
 */
public record VectorRecord(
    String id, String service, String severity, String status, Instant createdAt,
    String description, String model, float[] vector) {

  public VectorRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vector, "vector");
  }

  public int dimension() {
    return vector.length;
  }

  /**
   * Why a batch cannot go into an index that holds vectors of {@code held} dimensions (-1: none
   * yet, the first record decides), or null when every record fits.
   */
  public static IllegalArgumentException dimensionMismatch(java.util.List<VectorRecord> records, int held) {
    for (VectorRecord r : records) {
      int expected = held < 0 ? r.dimension() : held;
      if (r.dimension() != expected) {
        return new IllegalArgumentException(
            "vector of " + r.id() + " has dimension " + r.dimension() + ", the index holds " + expected);
      }
    }
    return null;
  }

  public VectorRecord withStatus(String newStatus) {
    return new VectorRecord(id, service, severity, newStatus, createdAt, description, model, vector);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("service", service)
        .put("severity", severity)
        .put("status", status)
        .put("created_at", createdAt == null ? null : createdAt.toString())
        .put("description", description)
        .put("model", model)
        .put("vector", Vectors.toBytes(vector));
  }

  public static VectorRecord fromJson(JsonObject row) {
    String created = row.getString("created_at");
    return new VectorRecord(row.getString("id"), row.getString("service"), row.getString("severity"),
        row.getString("status"), created == null ? null : Instant.parse(created), row.getString("description"),
        row.getString("model"), Vectors.fromBytes(row.getBinary("vector")));
  }
}
