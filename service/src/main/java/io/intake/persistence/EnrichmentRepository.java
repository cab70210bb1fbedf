package io.intake.persistence;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SQL of the enrichment pipeline: one statement per stage for a whole batch (unnest of arrays),
 * never one round trip per item. Vectors travel as bytea (float32 little-endian).
 */
final class EnrichmentRepository {

  private static final String BEGIN = """
      UPDATE work_items SET enrichment_attempts = enrichment_attempts + 1, enrichment_updated_at = now()
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

  private static final String INDEXED = """
      UPDATE work_items w SET embedding_3d_x = r.x, embedding_3d_y = r.y, embedding_3d_z = r.z,
        enrichment_state = 'indexed', enrichment_error = NULL, enrichment_updated_at = now()
      FROM unnest($1::text[], $2::real[], $3::real[], $4::real[]) AS r(id, x, y, z)
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
  private static final String INDEX_WRITE_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('intake.enrichment.index', 0))";

  private static final String PROJECTION_GET = "SELECT * FROM vector_projection WHERE id = 1";

  private static final String PROJECTION_SAVE = """
      INSERT INTO vector_projection (id, model, dimension, fitted_on, mean, components, fitted_at)
      VALUES (1, $1, $2, $3, $4, $5, now())
      ON CONFLICT (id) DO UPDATE SET model = $1, dimension = $2, fitted_on = $3, mean = $4,
        components = $5, fitted_at = now()""";

  private final Pool pool;

  EnrichmentRepository(Pool pool) {
    this.pool = pool;
  }

  /** Claims unfinished items for a pass (attempts + 1); returns what each stage needs. */
  Future<JsonObject> begin(JsonArray ids) {
    return pool.preparedQuery(BEGIN).execute(Tuple.tuple().addArrayOfString(strings(ids))).map(rows -> {
      JsonArray items = new JsonArray();
      for (Row row : rows) {
        Buffer embedding = row.getBuffer("embedding");
        items.add(new JsonObject()
            .put("id", row.getString("id"))
            .put("source", row.getString("source"))
            .put("service", row.getString("service"))
            .put("severity", row.getString("severity"))
            .put("status", row.getString("status"))
            .put("created_at", Timestamps.iso(row.getOffsetDateTime("created_at")))
            .put("description", row.getString("description"))
            .put("raw_log", row.getString("raw_log"))
            .put("state", row.getString("enrichment_state"))
            .put("attempts", row.getInteger("enrichment_attempts"))
            .put("embedding", embedding == null ? null : embedding.getBytes())
            .put("embedding_model", row.getString("embedding_model"))
            .put("native_identity", row.getBoolean("native_identity")));
      }
      return new JsonObject().put("items", items);
    });
  }

  /** @param body {@code {items: [{id, description, source, model}]}} */
  Future<JsonObject> cleaned(JsonObject body) {
    JsonArray items = body.getJsonArray("items");
    return pool.preparedQuery(CLEANED)
        .execute(Tuple.tuple().addArrayOfString(column(items, "id")).addArrayOfString(column(items, "description"))
            .addArrayOfString(column(items, "source")).addArrayOfString(column(items, "model")))
        .map(rows -> new JsonObject().put("updated", rows.rowCount()));
  }

  /**
   * @param body {@code {model, dimension, items: [{id, embedding: bytes, description?, source?, model?}]}}:
   *     the description fields when this pass cleaned the item (cleaned and embedded in one statement)
   */
  Future<JsonObject> embedded(JsonObject body) {
    JsonArray items = body.getJsonArray("items");
    Buffer[] vectors = new Buffer[items.size()];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = Buffer.buffer(items.getJsonObject(i).getBinary("embedding"));
    }
    return pool.preparedQuery(EMBEDDED)
        .execute(Tuple.tuple().addArrayOfString(column(items, "id")).addArrayOfBuffer(vectors)
            .addArrayOfString(column(items, "description")).addArrayOfString(column(items, "source"))
            .addArrayOfString(column(items, "model"))
            .addString(body.getString("model")).addInteger(body.getInteger("dimension")))
        .map(rows -> new JsonObject().put("updated", rows.rowCount()));
  }

  /**
   * Marks items indexed with their coordinates, folds the semantic merges and records the related
   * pairs, in one transaction.
   *
   * @param body {@code {items: [{id, x, y, z}], merges: [{id, into, score, model, threshold}],
   *     related: [{id, other, score, model, threshold}]}}
   * @return {@code {indexed: [{id, description, embedding_3d}], merges: [{id, into, score, model, threshold}],
   *     targets: [{id, occurrence_count, last_seen_at}], related: [{id, other, score}]}}
   */
  Future<JsonObject> indexed(JsonObject body) {
    Tuple coordinates = coordinateColumns(body.getJsonArray("items"));
    JsonArray merges = body.getJsonArray("merges", new JsonArray());
    JsonArray related = body.getJsonArray("related", new JsonArray());
    return pool.withTransaction(conn -> conn.query(INDEX_WRITE_LOCK).execute()
        .compose(locked -> merge(conn, merges))
        .compose(result -> relate(conn, related).map(result::mergeIn))
        .compose(result -> conn.preparedQuery(INDEXED)
          .execute(coordinates)
          .map(rows -> {
            JsonArray indexed = new JsonArray();
            for (Row row : rows) {
              indexed.add(new JsonObject()
                  .put("id", row.getString("id"))
                  .put("description", row.getString("description"))
                  .put("embedding_3d", new JsonObject()
                      .put("x", row.getFloat("embedding_3d_x"))
                      .put("y", row.getFloat("embedding_3d_y"))
                      .put("z", row.getFloat("embedding_3d_z"))));
            }
            return result.put("indexed", indexed);
          })));
  }

  private static Future<JsonObject> merge(SqlConnection conn, JsonArray merges) {
    JsonObject none = new JsonObject().put("merges", new JsonArray()).put("targets", new JsonArray());
    if (merges.isEmpty()) {
      return Future.succeededFuture(none);
    }
    return conn.preparedQuery(LINK_MERGES)
        .execute(Tuple.tuple().addArrayOfString(column(merges, "id")).addArrayOfString(column(merges, "into")))
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
          JsonArray done = new JsonArray();
          for (int i = 0; i < merges.size(); i++) {
            JsonObject m = merges.getJsonObject(i);
            if (m.getString("into").equals(linked.get(m.getString("id")))) {
              done.add(m.copy());
            }
          }
          return conn.preparedQuery(RECORD_MERGES)
              .execute(Tuple.tuple().addArrayOfString(column(done, "id")).addArrayOfString(column(done, "into"))
                  .addArrayOfFloat(floatColumn(done, "score")).addArrayOfString(column(done, "model"))
                  .addArrayOfFloat(floatColumn(done, "threshold")))
              .compose(v -> conn.preparedQuery(COUNT_OCCURRENCES)
                  .execute(Tuple.tuple()
                      .addArrayOfString(perTarget.keySet().toArray(String[]::new))
                      .addArrayOfInteger(perTarget.values().toArray(Integer[]::new))))
              .map(counted -> {
                JsonArray targetsOut = new JsonArray();
                for (Row row : counted) {
                  targetsOut.add(new JsonObject()
                      .put("id", row.getString("id"))
                      .put("occurrence_count", row.getInteger("occurrence_count"))
                      .put("last_seen_at", Timestamps.iso(row.getOffsetDateTime("last_seen_at"))));
                }
                return new JsonObject().put("merges", done).put("targets", targetsOut);
              });
        });
  }

  private static Future<JsonObject> relate(SqlConnection conn, JsonArray all) {
    // One row per pair: an upsert may not touch the same row twice in one statement.
    Map<String, JsonObject> pairs = new LinkedHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      JsonObject r = all.getJsonObject(i);
      String a = r.getString("id");
      String b = r.getString("other");
      pairs.merge(a.compareTo(b) < 0 ? a + ' ' + b : b + ' ' + a, r,
          (x, y) -> x.getDouble("score") >= y.getDouble("score") ? x : y);
    }
    JsonArray related = new JsonArray(new ArrayList<>(pairs.values()));
    if (related.isEmpty()) {
      return Future.succeededFuture(new JsonObject().put("related", new JsonArray()));
    }
    return conn.preparedQuery(RELATE)
        .execute(Tuple.tuple().addArrayOfString(column(related, "id")).addArrayOfString(column(related, "other"))
            .addArrayOfFloat(floatColumn(related, "score")).addArrayOfString(column(related, "model"))
            .addArrayOfFloat(floatColumn(related, "threshold")))
        .map(v -> new JsonObject().put("related", related.copy()));
  }

  /**
   * Records a failed pass; an item out of attempts becomes {@code failed} with the reason, one with
   * a {@code final_state} ({@code not_embeddable}) takes it at once.
   *
   * @param body {@code {items: [{id, error, final_state?}], max_attempts}}
   */
  Future<JsonObject> failed(JsonObject body) {
    JsonArray items = body.getJsonArray("items");
    return pool.preparedQuery(FAILED)
        .execute(Tuple.tuple().addArrayOfString(column(items, "id")).addArrayOfString(column(items, "error"))
            .addInteger(body.getInteger("max_attempts", 5)).addArrayOfString(column(items, "final_state")))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("id", r.getString("id")).put("state", r.getString("enrichment_state"))
              .put("attempts", r.getInteger("enrichment_attempts"))));
          return new JsonObject().put("items", out);
        });
  }

  Future<JsonObject> stale(double olderThanSeconds, int limit) {
    return pool.preparedQuery(STALE).execute(Tuple.of(olderThanSeconds, limit)).map(rows -> {
      JsonArray ids = new JsonArray();
      rows.forEach(r -> ids.add(r.getString("id")));
      return new JsonObject().put("ids", ids);
    });
  }

  Future<JsonObject> stats() {
    return pool.query(PENDING_COUNT).execute().map(rows -> {
      Row row = rows.iterator().next();
      return new JsonObject().put("unfinished", row.getLong("unfinished")).put("failed", row.getLong("failed"))
          .put("not_embeddable", row.getLong("not_embeddable"));
    });
  }

  Future<JsonObject> vectorsPage(String afterId, int limit) {
    return pool.preparedQuery(VECTORS_PAGE).execute(Tuple.of(afterId == null ? "" : afterId, limit)).map(rows -> {
      JsonArray records = new JsonArray(new ArrayList<>(rows.size()));
      for (Row row : rows) {
        records.add(new JsonObject()
            .put("id", row.getString("id"))
            .put("service", row.getString("service"))
            .put("severity", row.getString("severity"))
            .put("status", row.getString("status"))
            .put("created_at", Timestamps.iso(row.getOffsetDateTime("created_at")))
            .put("description", row.getString("description"))
            .put("model", row.getString("embedding_model"))
            .put("vector", row.getBuffer("embedding").getBytes()));
      }
      return new JsonObject().put("records", records);
    });
  }

  /** @return {@code {id, state, vector?, model?}} or null when no such item */
  Future<JsonObject> vector(String id) {
    return pool.preparedQuery(VECTOR).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      Buffer embedding = row.getBuffer("embedding");
      return new JsonObject()
          .put("id", id)
          .put("state", row.getString("enrichment_state"))
          .put("model", row.getString("embedding_model"))
          .put("vector", embedding == null ? null : embedding.getBytes());
    });
  }

  /** @param body {@code {items: [{id, x, y, z}]}} */
  Future<JsonObject> coordinates(JsonObject body) {
    Tuple coordinates = coordinateColumns(body.getJsonArray("items"));
    return pool.withTransaction(conn -> conn.query(INDEX_WRITE_LOCK).execute().compose(locked -> conn.preparedQuery(COORDINATES)
        .execute(coordinates)
        .map(rows -> new JsonObject().put("updated", rows.rowCount()))));
  }

  Future<JsonObject> projection() {
    return pool.query(PROJECTION_GET).execute().map(rows -> {
      if (rows.size() == 0) {
        return new JsonObject();
      }
      Row row = rows.iterator().next();
      return new JsonObject()
          .put("model", row.getString("model"))
          .put("dimension", row.getInteger("dimension"))
          .put("fitted_on", row.getInteger("fitted_on"))
          .put("mean", row.getBuffer("mean").getBytes())
          .put("components", row.getBuffer("components").getBytes());
    });
  }

  /** @param body {@code {model, dimension, fitted_on, mean: bytes, components: bytes (3 × dimension)}} */
  Future<JsonObject> saveProjection(JsonObject body) {
    return pool.preparedQuery(PROJECTION_SAVE)
        .execute(Tuple.tuple().addString(body.getString("model")).addInteger(body.getInteger("dimension"))
            .addInteger(body.getInteger("fitted_on")).addBuffer(Buffer.buffer(body.getBinary("mean")))
            .addBuffer(Buffer.buffer(body.getBinary("components"))))
        .map(rows -> new JsonObject().put("saved", true));
  }

  private static String[] strings(JsonArray values) {
    String[] out = new String[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.getString(i);
    }
    return out;
  }

  /** One field of every item, as an array column for unnest. */
  private static String[] column(JsonArray items, String field) {
    String[] out = new String[items.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = items.getJsonObject(i).getString(field);
    }
    return out;
  }

  private static Float[] floatColumn(JsonArray items, String field) {
    Float[] out = new Float[items.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = items.getJsonObject(i).getFloat(field);
    }
    return out;
  }

  /** {@code [{id, x, y, z}]} as the four columns INDEXED and COORDINATES unnest. */
  private static Tuple coordinateColumns(JsonArray items) {
    return Tuple.tuple().addArrayOfString(column(items, "id")).addArrayOfFloat(floatColumn(items, "x"))
        .addArrayOfFloat(floatColumn(items, "y")).addArrayOfFloat(floatColumn(items, "z"));
  }
}
