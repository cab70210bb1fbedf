package io.intake.enrichment;

import io.intake.llm.CleanResult;
import io.vertx.core.json.JsonObject;

/**
 * A work item as enrichment sees it during one pass: what persistence returned when the pass
 * claimed it ({@link io.intake.bus.Addresses#ENRICHMENT_BEGIN}), plus what this pass has done to it.
 * Immutable: a stage answers new values ({@link #cleaned}, {@link #embedded}).
 *
 * @param createdAt ISO-8601, as persistence sent it
 * @param embedding float32 little-endian, or null before the item is embedded
 * @param nativeIdentity the sender gave it its own identity (a source key): never folded by text
 * @param cleanedNow the description this pass cleaned and has not stored yet (it is stored with
 *     the vector, so an LLM answer is never asked twice); null when there is none
 * @param vectorNow the {@code embedding} was computed in this pass and is not stored yet: the index
 *     stage stores it in the same transaction as the indexed state (one commit per batch), and the
 *     pass stores it on its own only when the item leaves before that
 */
public record EnrichmentItem(
    String id, String source, String service, String severity, String status, String createdAt,
    String description, String rawLog, EnrichmentState state, int attempts, byte[] embedding,
    String embeddingModel, boolean nativeIdentity, CleanResult cleanedNow, boolean vectorNow) {

  /** An item whose vector, if any, is already stored. */
  public EnrichmentItem(String id, String source, String service, String severity, String status, String createdAt,
      String description, String rawLog, EnrichmentState state, int attempts, byte[] embedding,
      String embeddingModel, boolean nativeIdentity, CleanResult cleanedNow) {
    this(id, source, service, severity, status, createdAt, description, rawLog, state, attempts, embedding,
        embeddingModel, nativeIdentity, cleanedNow, false);
  }

  /** The item with its cleaned description, in state {@code cleaned}; stored later (see {@code cleanedNow}). */
  public EnrichmentItem cleaned(CleanResult result) {
    return new EnrichmentItem(id, source, service, severity, status, createdAt, result.description(), rawLog,
        EnrichmentState.CLEANED, attempts, embedding, embeddingModel, nativeIdentity, result);
  }

  /** The item with its vector, not stored yet (see {@code vectorNow}): state {@code embedded}. */
  public EnrichmentItem embedded(byte[] vector, String model) {
    return new EnrichmentItem(id, source, service, severity, status, createdAt, description, rawLog,
        EnrichmentState.EMBEDDED, attempts, vector, model, nativeIdentity, cleanedNow, true);
  }

  /** Whether this pass has results for the item that are not stored yet. */
  public boolean unstored() {
    return cleanedNow != null || vectorNow;
  }

  /**
   * What the embedded state needs stored for this item (the vector, with the description when this
   * pass cleaned it), or null when its vector is stored already.
   */
  public EnrichmentStore.Embedded unstoredVector() {
    return vectorNow ? new EnrichmentStore.Embedded(id, embedding, cleanedNow) : null;
  }

  /** The item in {@code next} with everything this pass did stored (in the same transaction). */
  public EnrichmentItem stored(EnrichmentState next) {
    return new EnrichmentItem(id, source, service, severity, status, createdAt, description, rawLog, next,
        attempts, embedding, embeddingModel, nativeIdentity, null, false);
  }

  public EnrichmentItem withState(EnrichmentState next) {
    return new EnrichmentItem(id, source, service, severity, status, createdAt, description, rawLog, next,
        attempts, embedding, embeddingModel, nativeIdentity, cleanedNow, vectorNow);
  }

  /**
   * What the cleaner reads: for items submitted directly (demo, manual) the raw log when there is
   * one, as the reference implementation does; for every other source the description, which is
   * already the source's summary (their raw_log is a composed audit text: labels, custom details,
   * an example line).
   */
  public String textToClean() {
    boolean direct = "demo".equals(source) || "manual".equals(source);
    if (direct && rawLog != null && !rawLog.isBlank()) {
      return rawLog;
    }
    return description != null && !description.isBlank() ? description : rawLog == null ? "" : rawLog;
  }

  /** One item of the {@link io.intake.bus.Addresses#ENRICHMENT_BEGIN} answer (what this pass did is not sent). */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("source", source)
        .put("service", service)
        .put("severity", severity)
        .put("status", status)
        .put("created_at", createdAt)
        .put("description", description)
        .put("raw_log", rawLog)
        .put("state", state.wire())
        .put("attempts", attempts)
        .put("embedding", embedding)
        .put("embedding_model", embeddingModel)
        .put("native_identity", nativeIdentity);
  }

  /** One item of the {@link io.intake.bus.Addresses#ENRICHMENT_BEGIN} answer; the only JSON mapping of that row. */
  public static EnrichmentItem fromJson(JsonObject row) {
    return new EnrichmentItem(
        row.getString("id"),
        row.getString("source"),
        row.getString("service"),
        row.getString("severity"),
        row.getString("status"),
        row.getString("created_at"),
        row.getString("description"),
        row.getString("raw_log"),
        EnrichmentState.of(row.getString("state")),
        row.getInteger("attempts", 0),
        row.getBinary("embedding"),
        row.getString("embedding_model"),
        row.getBoolean("native_identity", true),
        null);
  }
}
