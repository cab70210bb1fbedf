package io.intake.persistence;

import io.intake.model.Ids;
import io.intake.model.WorkItemDraft;
import io.intake.persistence.api.SavedWorkItem;
import io.intake.persistence.api.WorkItem;
import io.intake.persistence.api.WorkItemPage;
import io.intake.persistence.api.WorkItemQuery;
import io.intake.persistence.api.WorkItemSummary;
import io.vertx.core.Future;
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

  /**
   * The columns {@link #item} reads, and only those: {@code *} also brought the stored vector
   * (1.5 KB of bytea) and the raw payload back with every read of one item and every save, to be
   * decoded and dropped ({@code GET /work-items/:id/similar} reads the item on every call).
   */
  private static final String ITEM_COLUMNS = """
      id, type, service, severity, description, created_at, origin_system, status, source,
      occurrence_count, last_seen_at, merged_into, raw_log, creator_id, jira_issue_key, story_points, impact,
      assignee_id, escalated, fingerprint, updated_at, source_key, source_refs, acknowledged_at, acknowledged_by,
      description_source, description_model, last_occurrence_key, embedding_model, embedding_dim,
      enrichment_state, enrichment_error, enrichment_attempts, embedding_3d_x, embedding_3d_y, embedding_3d_z""";

  private static final String INSERT = """
      INSERT INTO work_items (id, type, service, severity, description, raw_log, created_at,
        origin_system, creator_id, jira_issue_key, raw_payload, story_points, impact, source,
        fingerprint, last_seen_at, updated_at, source_key, source_refs, occurrence_count, last_occurrence_key)
      VALUES ($1, $2, $3, $4, $5, $6, now(), $7, $8, $9, $10, $11, $12, $13, $14, now(), now(), $15, $16, $17, $18)
      """ + "RETURNING " + ITEM_COLUMNS + ", occurrence_count AS added";

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
      """ + "RETURNING " + qualified("w", ITEM_COLUMNS) + ", w.occurrence_count - o.before AS added";

  private static final String SELECT_ONE = "SELECT " + ITEM_COLUMNS + " FROM work_items WHERE id = $1";

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
   * What one save transaction committed.
   *
   * @param added what the statement added to the stored count (0 for a re-notified firing)
   * @param item  the stored item after the commit, for the event the verticle publishes
   */
  record Stored(SavedWorkItem saved, int added, WorkItem item) {
  }

  /** Stores a new item, or records an occurrence on its open twin when its identity merges. */
  Future<Stored> save(WorkItemDraft draft, int occurrences) {
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

  /**
   * Inserts a never-merged item inside the caller's transaction: the save's answer with the stored
   * item under {@code item}, as the agent-event owner reads it.
   */
  static Future<JsonObject> insertWithin(SqlClient conn, WorkItemDraft draft) {
    return insert(conn, draft, 1).map(row -> saved(row, false))
        .map(stored -> stored.saved().toJson().put("item", stored.item().toJson()));
  }

  private static Stored saved(Row row, boolean merged) {
    WorkItem item = item(row);
    return new Stored(new SavedWorkItem(item.id(), item.createdAt(), item.occurrenceCount(), merged),
        row.getInteger("added"), item);
  }

  Future<WorkItem> find(String id) {
    return pool.preparedQuery(SELECT_ONE).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : item(rows.iterator().next()));
  }

  /** Summaries of the given ids (unknown ids are left out). */
  Future<List<WorkItemSummary>> findMany(List<String> ids) {
    String[] values = ids.toArray(String[]::new);
    return pool.preparedQuery("SELECT " + LIST_COLUMNS + " FROM work_items WHERE id = ANY($1::text[])")
        .execute(Tuple.tuple().addArrayOfString(values))
        .map(WorkItemRepository::summaries);
  }

  /** One page, newest first, and the number of items matching the filters. */
  Future<WorkItemPage> list(WorkItemQuery query) {
    StringBuilder where = new StringBuilder();
    List<Object> values = new ArrayList<>();
    for (String column : FILTER_COLUMNS) {
      String value = switch (column) {
        case "service" -> query.service();
        case "severity" -> query.severity();
        case "status" -> query.status();
        default -> query.mergedInto();
      };
      if (value != null) {
        values.add(value);
        where.append(where.isEmpty() ? " WHERE " : " AND ").append(column).append(" = $").append(values.size());
      }
    }
    Boolean merged = query.merged();
    if (merged != null) {
      where.append(where.isEmpty() ? " WHERE " : " AND ").append(merged ? "merged_into IS NOT NULL" : "merged_into IS NULL");
    }
    String relatedTo = query.relatedTo();
    if (relatedTo != null) {
      values.add(relatedTo);
      where.append(where.isEmpty() ? " WHERE " : " AND ").append(String.format(RELATED_TO, values.size()));
    }
    int limit = query.limit();
    int offset = query.offset();
    String count = "SELECT count(*) AS total FROM work_items" + where;
    String page = "SELECT " + LIST_COLUMNS + " FROM work_items" + where
        + " ORDER BY created_at DESC, id DESC LIMIT $" + (values.size() + 1) + " OFFSET $" + (values.size() + 2);
    Tuple filters = Tuple.from(values);
    Tuple pageParams = Tuple.from(values).addInteger(limit).addInteger(offset);
    // One transaction, one snapshot: the total and the page agree.
    return pool.withTransaction(conn -> conn.preparedQuery(count).execute(filters)
        .compose(totals -> conn.preparedQuery(page).execute(pageParams)
            .map(rows -> new WorkItemPage(summaries(rows), totals.iterator().next().getLong("total"), limit, offset))));
  }

  private static List<WorkItemSummary> summaries(RowSet<Row> rows) {
    List<WorkItemSummary> items = new ArrayList<>(rows.size());
    for (Row row : rows) {
      items.add(summary(row, null));
    }
    return items;
  }

  /** {@code columns} (comma-separated) each prefixed with {@code alias.}. */
  private static String qualified(String alias, String columns) {
    StringBuilder out = new StringBuilder();
    for (String column : columns.split(",")) {
      out.append(out.isEmpty() ? "" : ", ").append(alias).append('.').append(column.strip());
    }
    return out.toString();
  }

  /** A list row of {@code work_items}; the console's rows add {@code relatedCount}. */
  static WorkItemSummary summary(Row row, Long relatedCount) {
    return new WorkItemSummary(row.getString("id"), row.getString("type"), row.getString("service"),
        row.getString("severity"), row.getString("description"), Timestamps.iso(row.getOffsetDateTime("created_at")),
        row.getString("origin_system"), row.getString("status"), row.getString("source"),
        row.getInteger("occurrence_count"), Timestamps.iso(row.getOffsetDateTime("last_seen_at")),
        row.getString("merged_into"), row.getString("enrichment_state"), relatedCount);
  }

  /** The row of {@code work_items} as the full item: the one place its columns are read. */
  static WorkItem item(Row row) {
    Float x = row.getFloat("embedding_3d_x");
    return new WorkItem(row.getString("id"), row.getString("type"), row.getString("service"),
        row.getString("severity"), row.getString("description"), Timestamps.iso(row.getOffsetDateTime("created_at")),
        row.getString("origin_system"), row.getString("status"), row.getString("source"),
        row.getInteger("occurrence_count"), Timestamps.iso(row.getOffsetDateTime("last_seen_at")),
        row.getString("merged_into"), row.getString("raw_log"), row.getString("creator_id"),
        row.getString("jira_issue_key"), row.getInteger("story_points"), row.getString("impact"),
        row.getString("assignee_id"), row.getBoolean("escalated"), row.getString("fingerprint"),
        Timestamps.iso(row.getOffsetDateTime("updated_at")), row.getString("source_key"),
        row.getJsonObject("source_refs"), Timestamps.iso(row.getOffsetDateTime("acknowledged_at")),
        row.getString("acknowledged_by"), row.getString("description_source"), row.getString("description_model"),
        row.getString("last_occurrence_key"), row.getString("embedding_model"), row.getInteger("embedding_dim"),
        new WorkItem.Enrichment(row.getString("enrichment_state"), row.getString("enrichment_error"),
            row.getInteger("enrichment_attempts")),
        x == null ? null : new WorkItem.Point(x, row.getFloat("embedding_3d_y"), row.getFloat("embedding_3d_z")));
  }
}
