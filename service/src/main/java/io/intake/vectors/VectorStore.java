package io.intake.vectors;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where work-item vectors are indexed and searched. The vectors themselves are always also kept
 * in PostgreSQL (with model and dimension); a store is an index that can be rebuilt from there.
 *
 * <p>Implementations are written to from one verticle (one event-loop thread); their futures
 * complete on that verticle's context. The embedded store runs searches on worker threads, several
 * at a time and concurrently with writes. Scores are cosine similarities in [-1, 1], best first.
 */
public interface VectorStore {

  /** {@code embedded} or {@code weaviate}: shown in /stats and logs. */
  String kind();

  /** Prepares the store (creates the Weaviate class if missing, …). Called once before use. */
  Future<Void> start();

  /**
   * Inserts or replaces records by id. Fails (nothing partially hidden) when any record was
   * refused: the failure message names the ids and the store's reasons.
   */
  Future<Void> upsert(List<VectorRecord> records);

  /** The {@code k} nearest records that pass the filter, best first. */
  Future<List<VectorMatch>> search(float[] vector, int k, VectorFilter filter);

  /** Keeps the filterable status in step with the work item (open → resolved, …). */
  Future<Void> updateStatus(String id, String status);

  /** Records currently held (embedded) or -1 when the store does not say cheaply (Weaviate). */
  long size();

  /** Releases clients/threads. */
  Future<Void> close();
}
