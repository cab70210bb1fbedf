package io.intake.vectors;

import io.intake.config.ConfigSection;
import io.vertx.core.json.JsonObject;

/**
 * The {@code vectors} configuration slice: which index (Weaviate when a URL is set), semantic
 * dedup, and the 3D projection's fitting.
 *
 * @param weaviateUrl  null: the embedded index
 * @param minItems     vectors needed before the projection is fitted (at least 3)
 * @param refitFactor  refit each time the collection grows by this factor
 * @param refitIntervalSeconds once fitted on {@link #STEADY_FIT} vectors or more, refit at most this often (0: no limit)
 * @param exactBelow   the embedded index keeps float vectors and searches exactly below this many items
 * @param candidates   the embedded index re-scores this many Hamming-nearest items per search past that
 * @param searchThreads worker threads the embedded index's searches run on (several at a time, off the
 *                     index verticle's event loop)
 * @param snapshotPath  where the embedded index is saved and loaded from (null: never saved)
 * @param snapshotIntervalSeconds how often a changed index is saved (also at a graceful stop)
 */
public record VectorSettings(String weaviateUrl, String weaviateApiKey, String weaviateClassName,
    long weaviateTimeoutMs, boolean dedupEnabled, double dedupThreshold, long dedupWindowSeconds, int relatedLimit,
    int minItems, int sampleSize, double refitFactor, long refitIntervalSeconds, int projectionNice, int rewritePageSize, long rewritePauseMs,
    int rebuildPageSize, long busTimeoutMs, int exactBelow, int candidates, int searchThreads, String snapshotPath,
    long snapshotIntervalSeconds) {

  /** The snapshot's file name in the data directory when no path is configured. */
  public static final String SNAPSHOT_FILE = "vector-index.snapshot";
  /** Fitted on fewer vectors than this, the projection refits at every growth step (cheap, and the map is young). */
  public static final int STEADY_FIT = 1_000;

  public static VectorSettings fromJson(JsonObject slice) {
    return read(ConfigSection.of("vectors", slice));
  }

  public static VectorSettings read(ConfigSection c) {
    ConfigSection weaviate = c.section("weaviate");
    String url = weaviate.optionalString("url", "the embedded index");
    String apiKey = weaviate.optionalString("api_key", "no key sent");
    String className = weaviate.string("class_name", "WorkItem");
    long timeout = weaviate.longInteger("timeout_ms", 5000L, 1L);
    ConfigSection dedup = c.section("dedup");
    boolean enabled = dedup.flag("enabled", true);
    double threshold = dedup.number("threshold", 0.75, 0.0, 1.0);
    long window = dedup.longInteger("window_seconds", 86_400L, 1L);
    int related = dedup.integer("related_limit", 5, 1);
    ConfigSection projection = c.section("projection");
    int minItems = projection.integer("min_items", 3, 3);
    int sample = projection.integer("sample_size", 4096, 3);
    double refit = projection.number("refit_factor", 2.0, 1.1, Double.MAX_VALUE);
    long refitInterval = projection.longInteger("min_refit_interval_seconds", 60L, 0L);
    int nice = projection.integer("nice", 19, 0, 19);
    int rewritePage = projection.integer("rewrite_page_size", 200, 1);
    long rewritePause = projection.longInteger("rewrite_pause_ms", 20L, 0L);
    ConfigSection embedded = c.section("embedded");
    int exactBelow = embedded.integer("exact_below", 20_000, 0);
    int candidates = embedded.integer("candidates", 2_000, 1);
    int searchThreads = embedded.integer("search_threads", 2, 1);
    ConfigSection snapshot = embedded.section("snapshot");
    boolean snapshotEnabled = snapshot.flag("enabled", true);
    String snapshotPath = snapshot.optionalString("path", "<database.embedded.data_dir>/" + SNAPSHOT_FILE);
    long snapshotInterval = snapshot.longInteger("interval_seconds", 300L, 1L);
    return new VectorSettings(url, apiKey, className, timeout, enabled, threshold, window, related, minItems, sample,
        refit, refitInterval, nice, rewritePage, rewritePause,
        c.integer("rebuild_page_size", 1000, 1),
        c.longInteger("bus_timeout_ms", 30_000L, 1L), exactBelow, candidates, searchThreads,
        snapshotEnabled ? snapshotPath : null, snapshotInterval);
  }
}
