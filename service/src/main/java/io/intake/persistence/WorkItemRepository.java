package io.intake.persistence;

import io.intake.model.Ids;
import io.intake.model.WorkItemDraft;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** SQL for work items. Every statement is prepared; filters only add bound parameters. */
final class WorkItemRepository {

  private static final String INSERT = """
      INSERT INTO work_items (id, type, service, severity, description, raw_log, created_at,
        origin_system, creator_id, jira_issue_key, raw_payload, story_points, impact, source,
        fingerprint, last_seen_at, updated_at, source_key, source_refs, occurrence_count, last_occurrence_key)
      VALUES ($1, $2, $3, $4, $5, $6, now(), $7, $8, $9, $10, $11, $12, $13, $14, now(), now(), $15, $16, $17, $18)
      RETURNING *, occurrence_count AS added""";

  // Serializes writers of one fingerprint so two concurrent repeats cannot both insert.
  private static final String LOCK_FINGERPRINT = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";

  private static final String FIND_OPEN_TWIN = """
      SELECT id FROM work_items
      WHERE fingerprint = $1 AND status <> 'resolved'
        AND ($2::bigint IS NULL OR last_seen_at >= now() - make_interval(secs => $2::bigint))
      ORDER BY last_seen_at DESC LIMIT 1""";

  // A repeat carrying the occurrence key already stored is the same firing notified again (an
  // Alertmanager repeat_interval, a PagerDuty re-trigger): only last_seen_at moves. Without a key
  // every repeat counts. `added` is what this statement added to the count.
  private static final String RECORD_OCCURRENCE = """
      UPDATE work_items w SET
        occurrence_count = w.occurrence_count
          + CASE WHEN $3::text IS NULL OR w.last_occurrence_key IS DISTINCT FROM $3::text THEN $2 ELSE 0 END,
        last_occurrence_key = COALESCE($3::text, w.last_occurrence_key),
        last_seen_at = now(), updated_at = now()
      FROM (SELECT id, occurrence_count AS before FROM work_items WHERE id = $1) o
      WHERE w.id = o.id
      RETURNING w.*, w.occurrence_count - o.before AS added""";

  private static final String SELECT_ONE = "SELECT * FROM work_items WHERE id = $1";

  private static final String LIST_COLUMNS = """
      id, type, service, severity, description, created_at, origin_system, status, source,
      occurrence_count, last_seen_at, enrichment_state, merged_into""";

  /** The list filters; column names come from here only, values are always bound. */
  static final List<String> FILTER_COLUMNS = List.of("service", "severity", "status", "merged_into");

  // Items related to $n (either side of the pair).
  private static final String RELATED_TO = """
      id IN (SELECT item_b FROM work_item_relations WHERE item_a = $%1$d
             UNION SELECT item_a FROM work_item_relations WHERE item_b = $%1$d)""";

  private final Pool pool;

  WorkItemRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Stores a new item, or records an occurrence on its open twin when its identity merges.
   *
   * @return {@code work_item_id, created_at, occurrence_count, merged, item}
   */
  Future<JsonObject> save(WorkItemDraft draft, int occurrences) {
    if (!draft.identity().merges()) {
      return insert(pool, draft, occurrences).map(row -> saved(row, false));
    }
    Long windowSeconds = draft.identity().window() == null ? null : draft.identity().window().toSeconds();
    String fingerprint = draft.identity().fingerprint();
    return pool.withTransaction(conn -> conn.preparedQuery(LOCK_FINGERPRINT).execute(Tuple.of(fingerprint))
        .compose(locked -> conn.preparedQuery(FIND_OPEN_TWIN).execute(Tuple.of(fingerprint, windowSeconds)))
        .compose(twins -> twins.size() == 0
            ? insert(conn, draft, occurrences).map(row -> saved(row, false))
            : conn.preparedQuery(RECORD_OCCURRENCE)
                .execute(Tuple.of(twins.iterator().next().getString("id"), occurrences, draft.occurrenceKey()))
                .map(rows -> saved(rows.iterator().next(), true))));
  }

  private static Future<Row> insert(SqlClient client, WorkItemDraft d, int occurrences) {
    Tuple params = Tuple.tuple()
        .addString(Ids.workItem())
        .addString(d.type())
        .addString(d.service())
        .addString(d.severity().wire())
        .addString(d.description())
        .addString(d.rawLog())
        .addString(d.originSystem())
        .addString(d.creatorId())
        .addString(d.jiraIssueKey())
        .addString(d.rawPayload())
        .addInteger(d.storyPoints())
        .addString(d.impact())
        .addString(d.source())
        .addString(d.identity().fingerprint())
        .addString(d.nativeKey() == null ? null : d.nativeKey().key())
        .addValue(d.nativeKey() == null ? null : d.toJson().getJsonObject("source_refs"))
        .addInteger(occurrences)
        .addString(d.occurrenceKey());
    return client.preparedQuery(INSERT).execute(params).map(rows -> rows.iterator().next());
  }

  /** Inserts a never-merged item inside the caller's transaction; same answer as {@link #save}. */
  static Future<JsonObject> insertWithin(SqlClient conn, WorkItemDraft draft) {
    return insert(conn, draft, 1).map(row -> saved(row, false));
  }

  /** The reply, plus the stored item under {@code item} for the event the verticle publishes. */
  private static JsonObject saved(Row row, boolean merged) {
    return new JsonObject()
        .put("work_item_id", row.getString("id"))
        .put("created_at", Timestamps.iso(row.getOffsetDateTime("created_at")))
        .put("occurrence_count", row.getInteger("occurrence_count"))
        .put("merged", merged)
        .put("added", row.getInteger("added"))
        .put("item", detail(row));
  }

  Future<JsonObject> find(String id) {
    return pool.preparedQuery(SELECT_ONE).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : detail(rows.iterator().next()));
  }

  /** Summaries of the given ids (unknown ids are left out). */
  Future<JsonObject> findMany(JsonArray ids) {
    String[] values = new String[ids.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = ids.getString(i);
    }
    return pool.preparedQuery("SELECT " + LIST_COLUMNS + " FROM work_items WHERE id = ANY($1::text[])")
        .execute(Tuple.tuple().addArrayOfString(values))
        .map(rows -> new JsonObject().put("work_items", summaries(rows)));
  }

  /**
   * One page, newest first, and the number of items matching the filters.
   *
   * @param query {@code service?, severity?, status?} (already validated), {@code limit}, {@code offset}
   */
  Future<JsonObject> list(JsonObject query) {
    StringBuilder where = new StringBuilder();
    List<Object> values = new ArrayList<>();
    for (String column : FILTER_COLUMNS) {
      String value = query.getString(column);
      if (value != null) {
        values.add(value);
        where.append(where.isEmpty() ? " WHERE " : " AND ").append(column).append(" = $").append(values.size());
      }
    }
    Boolean merged = query.getBoolean("merged");
    if (merged != null) {
      where.append(where.isEmpty() ? " WHERE " : " AND ").append(merged ? "merged_into IS NOT NULL" : "merged_into IS NULL");
    }
    String relatedTo = query.getString("related_to");
    if (relatedTo != null) {
      values.add(relatedTo);
      where.append(where.isEmpty() ? " WHERE " : " AND ").append(String.format(RELATED_TO, values.size()));
    }
    int limit = query.getInteger("limit");
    int offset = query.getInteger("offset");
    String count = "SELECT count(*) AS total FROM work_items" + where;
    String page = "SELECT " + LIST_COLUMNS + " FROM work_items" + where
        + " ORDER BY created_at DESC, id DESC LIMIT $" + (values.size() + 1) + " OFFSET $" + (values.size() + 2);
    Tuple filters = Tuple.from(values);
    Tuple pageParams = Tuple.from(values).addInteger(limit).addInteger(offset);
    // One transaction, one snapshot: the total and the page agree.
    return pool.withTransaction(conn -> conn.preparedQuery(count).execute(filters)
        .compose(totals -> conn.preparedQuery(page).execute(pageParams)
            .map(rows -> new JsonObject()
                .put("work_items", summaries(rows))
                .put("total", totals.iterator().next().getLong("total"))
                .put("limit", limit)
                .put("offset", offset))));
  }

  private static JsonArray summaries(RowSet<Row> rows) {
    List<JsonObject> items = new ArrayList<>(rows.size());
    for (Row row : rows) {
      items.add(common(row).put("enrichment_state", row.getString("enrichment_state")));
    }
    return new JsonArray(items);
  }

  /** The fields a list row, the full item and the console's row share. */
  static JsonObject common(Row row) {
    return new JsonObject()
        .put("id", row.getString("id"))
        .put("type", row.getString("type"))
        .put("service", row.getString("service"))
        .put("severity", row.getString("severity"))
        .put("description", row.getString("description"))
        .put("created_at", Timestamps.iso(row.getOffsetDateTime("created_at")))
        .put("origin_system", row.getString("origin_system"))
        .put("status", row.getString("status"))
        .put("source", row.getString("source"))
        .put("occurrence_count", row.getInteger("occurrence_count"))
        .put("last_seen_at", Timestamps.iso(row.getOffsetDateTime("last_seen_at")))
        .put("merged_into", row.getString("merged_into"));
  }

  private static JsonObject detail(Row row) {
    JsonObject item = common(row)
        .put("raw_log", row.getString("raw_log"))
        .put("creator_id", row.getString("creator_id"))
        .put("jira_issue_key", row.getString("jira_issue_key"))
        .put("story_points", row.getInteger("story_points"))
        .put("impact", row.getString("impact"))
        .put("assignee_id", row.getString("assignee_id"))
        .put("escalated", row.getBoolean("escalated"))
        .put("fingerprint", row.getString("fingerprint"))
        .put("updated_at", Timestamps.iso(row.getOffsetDateTime("updated_at")))
        .put("source_key", row.getString("source_key"))
        .put("source_refs", row.getJsonObject("source_refs"))
        .put("acknowledged_at", Timestamps.iso(row.getOffsetDateTime("acknowledged_at")))
        .put("acknowledged_by", row.getString("acknowledged_by"))
        .put("description_source", row.getString("description_source"))
        .put("description_model", row.getString("description_model"))
        .put("last_occurrence_key", row.getString("last_occurrence_key"))
        .put("embedding_model", row.getString("embedding_model"))
        .put("embedding_dim", row.getInteger("embedding_dim"))
        .put("enrichment", new JsonObject()
            .put("state", row.getString("enrichment_state"))
            .put("error", row.getString("enrichment_error"))
            .put("attempts", row.getInteger("enrichment_attempts")));
    Float x = row.getFloat("embedding_3d_x");
    if (x != null) {
      item.put("embedding_3d", new JsonObject()
          .put("x", x).put("y", row.getFloat("embedding_3d_y")).put("z", row.getFloat("embedding_3d_z")));
    }
    return item;
  }
}
