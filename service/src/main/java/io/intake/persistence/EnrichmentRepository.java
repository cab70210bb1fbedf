package io.intake.persistence;

import io.intake.enrichment.EnrichmentItem;
import io.intake.enrichment.EnrichmentState;
import io.intake.enrichment.EnrichmentStore.Begin;
import io.intake.enrichment.EnrichmentStore.Cleaned;
import io.intake.enrichment.EnrichmentStore.Embedded;
import io.intake.enrichment.EnrichmentStore.EmbeddedBatch;
import io.intake.enrichment.EnrichmentStore.FailedBatch;
import io.intake.enrichment.EnrichmentStore.FailedResult;
import io.intake.enrichment.EnrichmentStore.Ids;
import io.intake.enrichment.EnrichmentStore.IndexedBatch;
import io.intake.enrichment.EnrichmentStore.IndexedItem;
import io.intake.enrichment.EnrichmentStore.IndexedResult;
import io.intake.enrichment.EnrichmentStore.Merge;
import io.intake.enrichment.EnrichmentStore.Recorded;
import io.intake.enrichment.EnrichmentStore.Relation;
import io.intake.enrichment.EnrichmentStore.StaleQuery;
import io.intake.enrichment.EnrichmentStore.Stats;
import io.intake.enrichment.EnrichmentStore.Target;
import io.intake.enrichment.EnrichmentStore.Updated;
import io.intake.llm.CleanResult;
import io.intake.vectors.Coordinates;
import io.intake.vectors.SavedProjection;
import io.intake.vectors.VectorRecord;
import io.intake.vectors.VectorStateClient.CoordinatesUpdate;
import io.intake.vectors.VectorStateClient.Page;
import io.intake.vectors.VectorStateClient.PageQuery;
import io.intake.vectors.VectorStateClient.StoredVector;
import io.intake.vectors.VectorStateClient.VectorQuery;
import io.intake.embedding.Vectors;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * SQL of the enrichment pipeline: statements for a whole batch (unnest of arrays), never one round
 * trip per item; a pass claims its batch with one statement and writes its whole result in one
 * transaction ({@link #indexed}). Vectors travel as bytea (float32 little-endian).
 *
 * <p>Derived state — an enrichment pass's claim, the cleaned text, the vector, the indexed state
 * with its coordinates, merges and relations — is committed without waiting for the WAL flush
 * ({@link #derived}). That is safe because all of it can be recomputed from the stored item: a
 * crash of PostgreSQL can lose only the last fraction of a second of such commits, which leaves
 * those items in an earlier enrichment state, and the sweeper ({@code ENRICHMENT_STALE}) runs them
 * again. The item itself, outcomes and everything a client was told was stored are written by
 * other owners with the default, flushed commit.
 */
final class EnrichmentRepository {

  // One statement, so one round trip: its implicit transaction takes the flush-wait setting from
  // the one-row CTE (set_config(..., true) is SET LOCAL; the setting is read when it commits).
  private static final String BEGIN = """
      WITH no_flush_wait AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))
      UPDATE work_items SET enrichment_attempts = enrichment_attempts + 1, enrichment_updated_at = now()
      FROM no_flush_wait
      WHERE id = ANY($1::text[]) AND enrichment_state NOT IN ('indexed', 'failed', 'not_embeddable')
      RETURNING id, source, service, severity, status, created_at, description, raw_log, enrichment_state,
        enrichment_attempts, embedding, embedding_model, source_key IS NOT NULL AS native_identity""";

  // raw_log keeps the original: set from the description the first time it is replaced.
  private static final String CLEANED = """
      UPDATE work_items w SET raw_log = COALESCE(w.raw_log, w.description), description = r.description,
        description_source = r.source, description_model = r.model, enrichment_state = 'cleaned',
        enrichment_error = NULL, enrichment_updated_at = now()
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS r(id, description, source, model)
      WHERE w.id = r.id AND w.enrichment_state = 'pending'""";

  // The vector, and the cleaned description when this pass cleaned it (null: already stored).
  private static final String EMBEDDED = """
      UPDATE work_items w SET
        raw_log = CASE WHEN r.description IS NULL THEN w.raw_log ELSE COALESCE(w.raw_log, w.description) END,
        description = COALESCE(r.description, w.description),
        description_source = COALESCE(r.source, w.description_source),
        description_model = COALESCE(r.model, w.description_model),
        embedding = r.embedding, embedding_model = $6, embedding_dim = $7,
        enrichment_state = 'embedded', enrichment_error = NULL, enrichment_updated_at = now()
      FROM unnest($1::text[], $2::bytea[], $3::text[], $4::text[], $5::text[]) AS r(id, embedding, description, source, model)
      WHERE w.id = r.id AND w.enrichment_state IN ('pending', 'cleaned')""";

  // The pass's whole result for an item in one statement: the vector and the cleaned description
  // when this pass computed them (null: stored earlier, kept), its place and the indexed state.
  private static final String INDEXED = """
      UPDATE work_items w SET
        raw_log = CASE WHEN r.description IS NULL THEN w.raw_log ELSE COALESCE(w.raw_log, w.description) END,
        description = COALESCE(r.description, w.description),
        description_source = COALESCE(r.source, w.description_source),
        description_model = COALESCE(r.model, w.description_model),
        embedding = COALESCE(r.embedding, w.embedding),
        embedding_model = CASE WHEN r.embedding IS NULL THEN w.embedding_model ELSE $9::text END,
        embedding_dim = CASE WHEN r.embedding IS NULL THEN w.embedding_dim ELSE $10::int END,
        embedding_3d_x = r.x, embedding_3d_y = r.y, embedding_3d_z = r.z,
        enrichment_state = 'indexed', enrichment_error = NULL, enrichment_updated_at = now()
      FROM unnest($1::text[], $2::real[], $3::real[], $4::real[], $5::bytea[], $6::text[], $7::text[], $8::text[])
        AS r(id, x, y, z, embedding, description, source, model)
      WHERE w.id = r.id AND w.enrichment_state NOT IN ('failed', 'not_embeddable')
      RETURNING w.id, w.description, w.embedding_3d_x, w.embedding_3d_y, w.embedding_3d_z""";

  // Only an open item without a native identity is folded, and only into an open or assigned item
  // that is not folded itself; the guard repeats the index's decision so nothing else slips in.
  private static final String LINK_MERGES = """
      UPDATE work_items w SET merged_into = r.target, updated_at = now()
      FROM unnest($1::text[], $2::text[]) AS r(id, target), work_items t
      WHERE w.id = r.id AND t.id = r.target AND w.status = 'open' AND w.merged_into IS NULL
        AND w.source_key IS NULL AND t.status IN ('open', 'assigned') AND t.merged_into IS NULL
      RETURNING w.id, w.merged_into""";

  private static final String RECORD_MERGES = """
      INSERT INTO work_item_merges (work_item_id, target_id, kind, score, model, threshold)
      SELECT r.id, r.target, 'semantic', r.score, r.model, r.threshold
      FROM unnest($1::text[], $2::text[], $3::real[], $4::text[], $5::real[]) AS r(id, target, score, model, threshold)
      JOIN work_items w ON w.id = r.id AND w.merged_into = r.target""";

  private static final String RELATE = """
      INSERT INTO work_item_relations (item_a, item_b, score, model, threshold)
      SELECT LEAST(r.a, r.b), GREATEST(r.a, r.b), r.score, r.model, r.threshold
      FROM unnest($1::text[], $2::text[], $3::real[], $4::text[], $5::real[]) AS r(a, b, score, model, threshold)
      WHERE r.a <> r.b
      ON CONFLICT (item_a, item_b) DO UPDATE SET score = GREATEST(work_item_relations.score, EXCLUDED.score)""";

  private static final String COUNT_OCCURRENCES = """
      UPDATE work_items t SET occurrence_count = t.occurrence_count + r.n, last_seen_at = now(), updated_at = now()
      FROM unnest($1::text[], $2::int[]) AS r(id, n)
      WHERE t.id = r.id
      RETURNING t.id, t.occurrence_count, t.last_seen_at""";

  // final_state: an outcome that no retry changes (not_embeddable), set on the first attempt.
  private static final String FAILED = """
      UPDATE work_items w SET enrichment_error = r.error, enrichment_updated_at = now(),
        enrichment_state = CASE WHEN r.final_state IS NOT NULL THEN r.final_state
                                WHEN w.enrichment_attempts >= $3 THEN 'failed' ELSE w.enrichment_state END
      FROM unnest($1::text[], $2::text[], $4::text[]) AS r(id, error, final_state)
      WHERE w.id = r.id AND w.enrichment_state NOT IN ('indexed', 'failed', 'not_embeddable')
      RETURNING w.id, w.enrichment_state, w.enrichment_attempts""";

  private static final String STALE = """
      SELECT id FROM work_items
      WHERE enrichment_state NOT IN ('indexed', 'failed', 'not_embeddable')
        AND enrichment_updated_at < now() - make_interval(secs => $1::double precision)
      ORDER BY enrichment_updated_at LIMIT $2""";

  private static final String PENDING_COUNT = """
      SELECT count(*) FILTER (WHERE enrichment_state NOT IN ('indexed', 'failed', 'not_embeddable')) AS unfinished,
        count(*) FILTER (WHERE enrichment_state = 'failed') AS failed,
        count(*) FILTER (WHERE enrichment_state = 'not_embeddable') AS not_embeddable
      FROM work_items WHERE enrichment_state <> 'indexed'""";

  private static final String VECTORS_PAGE = """
      SELECT id, service, severity, CASE WHEN merged_into IS NULL THEN status ELSE 'merged' END AS status,
        created_at, description, embedding_model, embedding
      FROM work_items WHERE embedding IS NOT NULL AND id > $1 ORDER BY id LIMIT $2""";

  private static final String VECTOR = """
      SELECT id, enrichment_state, embedding, embedding_model FROM work_items WHERE id = $1""";

  private static final String COORDINATES = """
      UPDATE work_items w SET embedding_3d_x = r.x, embedding_3d_y = r.y, embedding_3d_z = r.z
      FROM unnest($1::text[], $2::real[], $3::real[], $4::real[]) AS r(id, x, y, z)
      WHERE w.id = r.id""";

  // Index results and coordinate rewrites touch overlapping rows (duplicate targets, refits) in
  // whatever order their batches hold them: one at a time, or they deadlock.
  // With the flush-wait setting of the derived transaction in the same round trip (SET LOCAL).
  private static final String INDEX_WRITE_LOCK = """
      SELECT set_config('synchronous_commit', 'off', true),
        pg_advisory_xact_lock(hashtextextended('intake.enrichment.index', 0))""";

  private static final String PROJECTION_GET = "SELECT * FROM vector_projection WHERE id = 1";

  private static final String PROJECTION_SAVE = """
      INSERT INTO vector_projection (id, model, dimension, fitted_on, mean, components, fitted_at)
      VALUES (1, $1, $2, $3, $4, $5, now())
      ON CONFLICT (id) DO UPDATE SET model = $1, dimension = $2, fitted_on = $3, mean = $4,
        components = $5, fitted_at = now()""";

  // Local to the transaction: the pool's connections keep the durable default for everyone else.
  private static final String NO_FLUSH_WAIT = "SET LOCAL synchronous_commit = off";

  private final Pool pool;

  EnrichmentRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * A transaction of derived state whose commit does not wait for the disk flush (see the class
   * comment for why that is safe, and docs/enrichment.md).
   */
  private <T> Future<T> derived(Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(conn -> conn.query(NO_FLUSH_WAIT).execute().compose(set -> work.apply(conn)));
  }

  /** As {@link #derived}, holding the index write lock; one statement sets both. */
  private <T> Future<T> derivedIndexWrite(Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(conn -> conn.query(INDEX_WRITE_LOCK).execute().compose(locked -> work.apply(conn)));
  }

  /** Claims unfinished items for a pass (attempts + 1); returns what each stage needs. */
  Future<List<EnrichmentItem>> begin(Begin request) {
    return pool.preparedQuery(BEGIN).execute(Tuple.tuple().addArrayOfString(request.ids().toArray(String[]::new)))
        .map(rows -> mapped(rows, EnrichmentRepository::begun));
  }

  private static EnrichmentItem begun(Row row) {
    Buffer embedding = row.getBuffer("embedding");
    return new EnrichmentItem(row.getString("id"), row.getString("source"), row.getString("service"),
        row.getString("severity"), row.getString("status"), Timestamps.iso(row.getOffsetDateTime("created_at")),
        row.getString("description"), row.getString("raw_log"), EnrichmentState.of(row.getString("enrichment_state")),
        row.getInteger("enrichment_attempts"), embedding == null ? null : embedding.getBytes(),
        row.getString("embedding_model"), row.getBoolean("native_identity"), null);
  }

  Future<Updated> cleaned(Cleaned request) {
    List<CleanResult> items = request.items();
    return derived(conn -> conn.preparedQuery(CLEANED)
        .execute(Tuple.tuple().addArrayOfString(column(items, CleanResult::id))
            .addArrayOfString(column(items, CleanResult::description))
            .addArrayOfString(column(items, CleanResult::source)).addArrayOfString(column(items, CleanResult::model))))
        .map(rows -> new Updated(rows.rowCount()));
  }

  /** The vectors, with the description fields when this pass cleaned the item (cleaned and embedded in one statement). */
  Future<Updated> embedded(EmbeddedBatch request) {
    Tuple columns = embeddedColumns(request.model(), request.dimension(), request.items());
    return derived(conn -> conn.preparedQuery(EMBEDDED).execute(columns)).map(rows -> new Updated(rows.rowCount()));
  }

  private static Tuple embeddedColumns(String model, int dimension, List<Embedded> items) {
    Buffer[] vectors = items.stream().map(item -> Buffer.buffer(item.embedding())).toArray(Buffer[]::new);
    return Tuple.tuple().addArrayOfString(column(items, Embedded::id)).addArrayOfBuffer(vectors)
        .addArrayOfString(column(items, e -> e.cleanedNow() == null ? null : e.cleanedNow().description()))
        .addArrayOfString(column(items, e -> e.cleanedNow() == null ? null : e.cleanedNow().source()))
        .addArrayOfString(column(items, e -> e.cleanedNow() == null ? null : e.cleanedNow().model()))
        .addString(model).addInteger(dimension);
  }

  /**
   * Everything an enrichment pass found for a batch, in one transaction: the vectors and cleaned
   * descriptions it has not stored yet, the coordinates and indexed state, the semantic merges and
   * the related pairs. A failure anywhere leaves none of it (the pass sets the items back and runs
   * them again).
   */
  Future<IndexedResult> indexed(IndexedBatch request) {
    Map<String, Embedded> vectors = new LinkedHashMap<>();
    if (request.embedded() != null) {
      request.embedded().items().forEach(e -> vectors.put(e.id(), e));
    }
    Tuple indexed = indexedColumns(request, vectors);
    request.items().forEach(c -> vectors.remove(c.id()));
    // Vectors of items the index gave no place (none today): still stored, in the same transaction.
    List<Embedded> placeless = List.copyOf(vectors.values());
    return derivedIndexWrite(conn -> conn.preparedQuery(INDEXED).execute(indexed)
        .compose(rows -> placeless.isEmpty() ? Future.succeededFuture(rows)
            : conn.preparedQuery(EMBEDDED).execute(embeddedColumns(request.embedded().model(),
                request.embedded().dimension(), placeless)).map(v -> rows))
        .compose(rows -> merge(conn, request.merges())
            .compose(folded -> relate(conn, request.related())
                .map(related -> new IndexedResult(mapped(rows, EnrichmentRepository::indexedItem),
                    folded.merges(), folded.targets(), related)))));
  }

  /** The columns INDEXED unnests: the place of every item, its vector and cleaned text when new. */
  private static Tuple indexedColumns(IndexedBatch request, Map<String, Embedded> vectors) {
    List<Coordinates> items = request.items();
    List<Embedded> rows = items.stream().map(c -> vectors.get(c.id())).toList();
    return coordinateColumns(items)
        .addArrayOfBuffer(rows.stream().map(e -> e == null ? null : Buffer.buffer(e.embedding())).toArray(Buffer[]::new))
        .addArrayOfString(column(rows, e -> e == null || e.cleanedNow() == null ? null : e.cleanedNow().description()))
        .addArrayOfString(column(rows, e -> e == null || e.cleanedNow() == null ? null : e.cleanedNow().source()))
        .addArrayOfString(column(rows, e -> e == null || e.cleanedNow() == null ? null : e.cleanedNow().model()))
        .addString(request.embedded() == null ? null : request.embedded().model())
        .addInteger(request.embedded() == null ? null : request.embedded().dimension());
  }

  private static IndexedItem indexedItem(Row row) {
    String id = row.getString("id");
    return new IndexedItem(id, row.getString("description"), new Coordinates(id,
        row.getFloat("embedding_3d_x"), row.getFloat("embedding_3d_y"), row.getFloat("embedding_3d_z")));
  }

  /** The merges that took and their targets' new counts. */
  private record Folded(List<Merge> merges, List<Target> targets) {
  }

  private static Future<Folded> merge(SqlConnection conn, List<Merge> merges) {
    Folded none = new Folded(List.of(), List.of());
    if (merges.isEmpty()) {
      return Future.succeededFuture(none);
    }
    return conn.preparedQuery(LINK_MERGES)
        .execute(Tuple.tuple().addArrayOfString(column(merges, Merge::id)).addArrayOfString(column(merges, Merge::into)))
        .compose(rows -> {
          Map<String, String> linked = new LinkedHashMap<>();
          Map<String, Integer> perTarget = new LinkedHashMap<>();
          for (Row row : rows) {
            linked.put(row.getString("id"), row.getString("merged_into"));
            perTarget.merge(row.getString("merged_into"), 1, Integer::sum);
          }
          if (linked.isEmpty()) {
            return Future.succeededFuture(none);
          }
          List<Merge> done = merges.stream().filter(m -> m.into().equals(linked.get(m.id()))).toList();
          return conn.preparedQuery(RECORD_MERGES)
              .execute(Tuple.tuple().addArrayOfString(column(done, Merge::id)).addArrayOfString(column(done, Merge::into))
                  .addArrayOfFloat(floats(done, Merge::score)).addArrayOfString(column(done, Merge::model))
                  .addArrayOfFloat(floats(done, Merge::threshold)))
              .compose(v -> conn.preparedQuery(COUNT_OCCURRENCES)
                  .execute(Tuple.tuple()
                      .addArrayOfString(perTarget.keySet().toArray(String[]::new))
                      .addArrayOfInteger(perTarget.values().toArray(Integer[]::new))))
              .map(counted -> new Folded(done, mapped(counted, row -> new Target(row.getString("id"),
                  row.getInteger("occurrence_count"), Timestamps.iso(row.getOffsetDateTime("last_seen_at"))))));
        });
  }

  private static Future<List<Relation>> relate(SqlConnection conn, List<Relation> all) {
    // One row per pair: an upsert may not touch the same row twice in one statement.
    Map<String, Relation> pairs = new LinkedHashMap<>();
    for (Relation r : all) {
      String a = r.id();
      String b = r.other();
      pairs.merge(a.compareTo(b) < 0 ? a + ' ' + b : b + ' ' + a, r, (x, y) -> x.score() >= y.score() ? x : y);
    }
    List<Relation> related = List.copyOf(pairs.values());
    if (related.isEmpty()) {
      return Future.succeededFuture(related);
    }
    return conn.preparedQuery(RELATE)
        .execute(Tuple.tuple().addArrayOfString(column(related, Relation::id)).addArrayOfString(column(related, Relation::other))
            .addArrayOfFloat(floats(related, Relation::score)).addArrayOfString(column(related, Relation::model))
            .addArrayOfFloat(floats(related, Relation::threshold)))
        .map(v -> related);
  }

  /**
   * Records a failed pass; an item out of attempts becomes {@code failed} with the reason, one with
   * a final state ({@code not_embeddable}) takes it at once.
   */
  Future<FailedResult> failed(FailedBatch request) {
    var items = request.items();
    return pool.preparedQuery(FAILED)
        .execute(Tuple.tuple().addArrayOfString(column(items, a -> a.id())).addArrayOfString(column(items, a -> a.error()))
            .addInteger(request.maxAttempts())
            .addArrayOfString(column(items, a -> a.finalState() == null ? null : a.finalState().wire())))
        .map(rows -> new FailedResult(mapped(rows, r -> new Recorded(r.getString("id"),
            EnrichmentState.of(r.getString("enrichment_state")), r.getInteger("enrichment_attempts")))));
  }

  Future<Ids> stale(StaleQuery query) {
    return pool.preparedQuery(STALE).execute(Tuple.of(query.olderThanSeconds(), query.limit()))
        .map(rows -> new Ids(mapped(rows, r -> r.getString("id"))));
  }

  Future<Stats> stats() {
    return pool.query(PENDING_COUNT).execute().map(rows -> {
      Row row = rows.iterator().next();
      return new Stats(row.getLong("unfinished"), row.getLong("failed"), row.getLong("not_embeddable"));
    });
  }

  Future<Page> vectorsPage(PageQuery query) {
    return pool.preparedQuery(VECTORS_PAGE).execute(Tuple.of(query.afterId() == null ? "" : query.afterId(), query.limit()))
        .map(rows -> new Page(mapped(rows, EnrichmentRepository::vectorRecord)));
  }

  private static VectorRecord vectorRecord(Row row) {
    return new VectorRecord(row.getString("id"), row.getString("service"), row.getString("severity"),
        row.getString("status"), instant(row.getOffsetDateTime("created_at")), row.getString("description"),
        row.getString("embedding_model"), Vectors.fromBytes(row.getBuffer("embedding").getBytes()));
  }

  /** As {@link Timestamps#iso}: the API's millisecond precision. */
  private static Instant instant(OffsetDateTime time) {
    String iso = Timestamps.iso(time);
    return iso == null ? null : Instant.parse(iso);
  }

  /** Null when there is no such item. */
  Future<StoredVector> vector(VectorQuery query) {
    return pool.preparedQuery(VECTOR).execute(Tuple.of(query.id())).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      Buffer embedding = row.getBuffer("embedding");
      return new StoredVector(query.id(), row.getString("enrichment_state"), row.getString("embedding_model"),
          embedding == null ? null : embedding.getBytes());
    });
  }

  Future<Updated> coordinates(CoordinatesUpdate update) {
    Tuple coordinates = coordinateColumns(update.items());
    return derivedIndexWrite(conn -> conn.preparedQuery(COORDINATES).execute(coordinates)
        .map(rows -> new Updated(rows.rowCount())));
  }

  /** Null when none was ever saved. */
  Future<SavedProjection> projection() {
    return pool.query(PROJECTION_GET).execute().map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return SavedProjection.of(row.getString("model"), row.getInteger("dimension"), row.getInteger("fitted_on"),
          row.getBuffer("mean").getBytes(), row.getBuffer("components").getBytes());
    });
  }

  Future<Void> saveProjection(SavedProjection saved) {
    return pool.preparedQuery(PROJECTION_SAVE)
        .execute(Tuple.tuple().addString(saved.model()).addInteger(saved.dimension())
            .addInteger(saved.projection().fittedOn()).addBuffer(Buffer.buffer(saved.meanBytes()))
            .addBuffer(Buffer.buffer(saved.componentsBytes())))
        .mapEmpty();
  }

  private static <T> List<T> mapped(RowSet<Row> rows, Function<Row, T> mapper) {
    List<T> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      out.add(mapper.apply(row));
    }
    return out;
  }

  /** One field of every item, as an array column for unnest. */
  private static <T> String[] column(List<T> items, Function<T, String> field) {
    return items.stream().map(field).toArray(String[]::new);
  }

  private static <T> Float[] floats(List<T> items, Function<T, Double> field) {
    return items.stream().map(item -> field.apply(item).floatValue()).toArray(Float[]::new);
  }

  /** The four columns COORDINATES unnests (and the first four of INDEXED). */
  private static Tuple coordinateColumns(List<Coordinates> items) {
    return Tuple.tuple().addArrayOfString(column(items, Coordinates::id))
        .addArrayOfFloat(items.stream().map(Coordinates::x).toArray(Float[]::new))
        .addArrayOfFloat(items.stream().map(Coordinates::y).toArray(Float[]::new))
        .addArrayOfFloat(items.stream().map(Coordinates::z).toArray(Float[]::new));
  }
}
