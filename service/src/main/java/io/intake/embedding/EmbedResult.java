package io.intake.embedding;

import io.intake.embedding.IsolatingEmbedder.Refusal;
import io.intake.embedding.Vectors;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The answer of {@link io.intake.bus.Addresses#EMBED}: {@code {model, dimension, vectors: [bytes|null],
 * refusals?: [null|{rule, message}]}}, one vector per text in order (float32 little-endian, see
 * {@link Vectors}); a text without a vector has a refusal saying why. This file is its only JSON mapping.
 */
public record EmbedResult(String model, int dimension, List<byte[]> vectors, List<Refusal> refusals) {

  public EmbedResult {
    vectors = Collections.unmodifiableList(new ArrayList<>(vectors));
    refusals = Collections.unmodifiableList(new ArrayList<>(refusals));
  }

  public static EmbedResult of(String model, int dimension, List<float[]> vectors, List<Refusal> refusals) {
    List<byte[]> encoded = new ArrayList<>(vectors.size());
    vectors.forEach(v -> encoded.add(v == null ? null : Vectors.toBytes(v)));
    return new EmbedResult(model, dimension, encoded, refusals);
  }

  /** The vector of text {@code i}, or null when it got none. */
  public byte[] vector(int i) {
    return vectors.get(i);
  }

  /** Why text {@code i} got no vector: null when it got one (or the embedder gave no reason). */
  public Refusal refusal(int i) {
    return i < refusals.size() ? refusals.get(i) : null;
  }

  public JsonObject toJson() {
    JsonArray encoded = new JsonArray(new ArrayList<>(vectors.size()));
    vectors.forEach(encoded::add);
    JsonObject answer = new JsonObject().put("model", model).put("dimension", dimension).put("vectors", encoded);
    if (refusals.stream().anyMatch(Objects::nonNull)) {
      JsonArray why = new JsonArray();
      refusals.forEach(r -> why.add(r == null ? null : new JsonObject().put("rule", r.rule()).put("message", r.message())));
      answer.put("refusals", why);
    }
    return answer;
  }

  public static EmbedResult fromJson(JsonObject json) {
    JsonArray encoded = json.getJsonArray("vectors", new JsonArray());
    List<byte[]> vectors = new ArrayList<>(encoded.size());
    for (int i = 0; i < encoded.size(); i++) {
      vectors.add(encoded.getBinary(i));
    }
    JsonArray why = json.getJsonArray("refusals", new JsonArray());
    List<Refusal> refusals = new ArrayList<>(why.size());
    for (int i = 0; i < why.size(); i++) {
      JsonObject r = why.getJsonObject(i);
      refusals.add(r == null ? null : new Refusal(r.getString("rule"), r.getString("message")));
    }
    Integer dimension = json.getInteger("dimension");
    return new EmbedResult(json.getString("model"), dimension == null ? -1 : dimension, vectors, refusals);
  }
}
