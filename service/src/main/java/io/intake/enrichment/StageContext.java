package io.intake.enrichment;

import io.intake.embedding.EmbeddingClient;
import io.intake.llm.LlmClient;
import io.intake.vectors.VectorIndexClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * What a stage may use: the typed clients of the verticles enrichment works through, and the
 * {@code enrichment} settings, and the raw slice (where a stage added later keeps its own keys).
 */
public record StageContext(Vertx vertx, JsonObject config, EnrichmentSettings settings, EnrichmentStore store, LlmClient llm,
    EmbeddingClient embedding, VectorIndexClient vectors) {
}
