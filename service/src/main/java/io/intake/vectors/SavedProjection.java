package io.intake.vectors;

import io.intake.embedding.Vectors;
import io.intake.persistence.api.WireFields;
import io.vertx.core.json.JsonObject;

/**
 * The projection as persistence keeps it ({@link io.intake.bus.Addresses#PROJECTION_GET} /
 * {@link io.intake.bus.Addresses#PROJECTION_SAVE}: {@code {model, dimension, fitted_on, mean: bytes,
 * components: bytes (3 × dimension)}}); this file is its only JSON mapping, and the only place its
 * bytes are laid out (the same bytes as the {@code vector_projection} row).
 */
public record SavedProjection(String model, int dimension, Projection projection) {

  /** From the stored bytes (float32 little-endian; the components one after another). */
  public static SavedProjection of(String model, int dimension, int fittedOn, byte[] mean, byte[] components) {
    float[] all = Vectors.fromBytes(components);
    if (all.length != 3 * dimension) {
      throw new IllegalArgumentException("components must hold 3 × dimension floats");
    }
    float[][] split = new float[3][dimension];
    for (int c = 0; c < 3; c++) {
      System.arraycopy(all, c * dimension, split[c], 0, dimension);
    }
    return new SavedProjection(model, dimension, new Projection(Vectors.fromBytes(mean), split, fittedOn));
  }

  public byte[] meanBytes() {
    return Vectors.toBytes(projection.mean());
  }

  public byte[] componentsBytes() {
    float[][] c = projection.components();
    float[] flat = new float[3 * dimension];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(c[i], 0, flat, i * dimension, dimension);
    }
    return Vectors.toBytes(flat);
  }

  public JsonObject toJson() {
    return new JsonObject().put("model", model).put("dimension", dimension).put("fitted_on", projection.fittedOn())
        .put("mean", meanBytes()).put("components", componentsBytes());
  }

  /** Null when nothing is saved yet (an empty object); a partial one fails naming the field. */
  public static SavedProjection fromJson(JsonObject saved) {
    if (saved == null || saved.isEmpty()) {
      return null;
    }
    return of(WireFields.requiredString(saved, "model"), WireFields.requiredInt(saved, "dimension"),
        WireFields.requiredInt(saved, "fitted_on"), WireFields.requiredBinary(saved, "mean"),
        WireFields.requiredBinary(saved, "components"));
  }
}
