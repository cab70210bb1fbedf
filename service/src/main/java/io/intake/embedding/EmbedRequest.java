package io.intake.embedding;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Texts to embed: the body of {@link io.intake.bus.Addresses#EMBED} ({@code {texts: [..]}}); its only JSON mapping. */
public record EmbedRequest(List<String> texts) {

  public EmbedRequest {
    texts = List.copyOf(texts);
  }

  public JsonObject toJson() {
    return new JsonObject().put("texts", new JsonArray(new ArrayList<>(texts)));
  }

  public static EmbedRequest fromJson(JsonObject body) {
    JsonArray texts = body.getJsonArray("texts", new JsonArray());
    List<String> list = new ArrayList<>(texts.size());
    texts.forEach(t -> list.add(String.valueOf(t)));
    return new EmbedRequest(list);
  }
}
