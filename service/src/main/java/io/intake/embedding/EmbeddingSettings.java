package io.intake.embedding;

import io.intake.config.ConfigSection;
import io.vertx.core.json.JsonObject;

/**
 * The {@code embedding} configuration slice: how hard the local model may work.
 *
 * @param workerThreads     model calls at once; null: one per core
 * @param nice              nice value of the model threads (0: leave alone)
 * @param yieldToRequestsMs while an HTTP request began this recently, one model call fewer (0: never)
 */
public record EmbeddingSettings(int instances, int nice, long yieldToRequestsMs, Integer workerThreads, int batchSize,
    int maxQueuedTexts, int onnxThreads, boolean onnxSpinning) {

  public static EmbeddingSettings fromJson(JsonObject slice) {
    return read(ConfigSection.of("embedding", slice));
  }

  public static EmbeddingSettings read(ConfigSection c) {
    return new EmbeddingSettings(
        c.integer("instances", 1, 1),
        c.integer("nice", 19, 0, 19),
        c.longInteger("yield_to_requests_ms", 250L, 0L),
        c.optionalInteger("worker_threads", 1, "one per core"),
        c.integer("batch_size", 32, 1),
        c.integer("max_queued_texts", 20_000, 1),
        c.integer("onnx_threads", 1, 1),
        c.flag("onnx_spinning", false));
  }
}
