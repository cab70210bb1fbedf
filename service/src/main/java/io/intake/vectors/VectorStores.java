package io.intake.vectors;

import io.vertx.core.Vertx;

/** Picks the store from the {@code vectors} configuration: Weaviate when a URL is set, else embedded. */
final class VectorStores {

  private VectorStores() {
  }

  static VectorStore create(Vertx vertx, VectorSettings conf) {
    if (conf.weaviateUrl() == null) {
      return new EmbeddedVectorStore(conf.exactBelow(), conf.candidates(),
          vertx.createSharedWorkerExecutor("intake-vector-search", conf.searchThreads()));
    }
    return new WeaviateVectorStore(vertx, conf.weaviateUrl(), conf.weaviateApiKey(), conf.weaviateClassName(),
        java.time.Duration.ofMillis(conf.weaviateTimeoutMs()));
  }
}
