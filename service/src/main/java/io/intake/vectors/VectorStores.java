package io.intake.vectors;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Picks the store from the {@code vectors} configuration: Weaviate when a URL is set, else embedded. */
final class VectorStores {

  private VectorStores() {
  }

  static VectorStore create(Vertx vertx, JsonObject conf) {
    JsonObject weaviate = conf.getJsonObject("weaviate", new JsonObject());
    String url = weaviate.getString("url");
    if (url == null || url.isBlank()) {
      return new EmbeddedVectorStore();
    }
    return new WeaviateVectorStore(vertx, url, weaviate.getString("api_key"), weaviate.getString("class_name", "WorkItem"),
        java.time.Duration.ofMillis(weaviate.getLong("timeout_ms", 5000L)));
  }
}
