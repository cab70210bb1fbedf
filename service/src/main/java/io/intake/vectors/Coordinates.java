package io.intake.vectors;

import io.vertx.core.json.JsonObject;

/** A work item's place in the 3D projection ({@code {id, x, y, z}} on the bus); its only JSON mapping. */
public record Coordinates(String id, float x, float y, float z) {

  public static Coordinates of(String id, float[] xyz) {
    return new Coordinates(id, xyz[0], xyz[1], xyz[2]);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("x", x).put("y", y).put("z", z);
  }

  public static Coordinates fromJson(JsonObject json) {
    return new Coordinates(json.getString("id"), json.getFloat("x"), json.getFloat("y"), json.getFloat("z"));
  }
}
