package io.intake.enrichment;

import io.intake.embedding.EmbeddingClient;
import io.intake.llm.LlmClient;
import io.intake.vectors.VectorIndexClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * What a stage may use: the typed clients of the verticles enrichment works through, and the
 * {@code enrichment} configuration slice (a stage's own settings live there).
 */
public record StageContext(Vertx vertx, JsonObject config, EnrichmentStore store, LlmClient llm,
    EmbeddingClient embedding, VectorIndexClient vectors) {
}
