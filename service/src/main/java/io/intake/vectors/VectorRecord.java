package io.intake.vectors;

import java.time.Instant;
import java.util.Objects;

/**
 * One indexed work item: its vector plus the properties searches filter on.
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

  public VectorRecord withStatus(String newStatus) {
    return new VectorRecord(id, service, severity, newStatus, createdAt, description, model, vector);
  }
}
