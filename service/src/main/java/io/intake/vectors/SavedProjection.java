package io.intake.vectors;

import io.vertx.core.json.JsonObject;

/**
 * The projection as persistence keeps it ({@link io.intake.bus.Addresses#PROJECTION_GET} /
 * {@link io.intake.bus.Addresses#PROJECTION_SAVE}: {@code {model, dimension, fitted_on, mean: bytes,
 * components: bytes (3 × dimension)}}); this file is its only JSON mapping.
 */
public record SavedProjection(String model, int dimension, Projection projection) {

  public JsonObject toJson() {
    float[][] c = projection.components();
    float[] flat = new float[3 * dimension];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(c[i], 0, flat, i * dimension, dimension);
    }
    return new JsonObject().put("model", model).put("dimension", dimension).put("fitted_on", projection.fittedOn())
        .put("mean", Vectors.toBytes(projection.mean())).put("components", Vectors.toBytes(flat));
  }

  /** Null when nothing is saved yet (an empty object). */
  public static SavedProjection fromJson(JsonObject saved) {
    if (saved == null || saved.isEmpty()) {
      return null;
    }
    int dim = saved.getInteger("dimension");
    float[] all = Vectors.fromBytes(saved.getBinary("components"));
    float[][] components = new float[3][dim];
    for (int c = 0; c < 3; c++) {
      System.arraycopy(all, c * dim, components[c], 0, dim);
    }
    return new SavedProjection(saved.getString("model"), dim,
        new Projection(Vectors.fromBytes(saved.getBinary("mean")), components, saved.getInteger("fitted_on")));
  }
}
