package io.intake.persistence;

import io.intake.persistence.api.ConsoleQuery;
import io.intake.persistence.api.WorkItemPage;
import io.intake.persistence.api.WorkItemSummary;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Read-only queries of the operator console: the feed with more filters and a sort,
 * an item's outcomes with their Learner delivery state, the points of the 3D map, the items
 * log patterns opened. Column names come from the maps here only; values are always bound.
 */
final class ConsoleRepository {

  /** Sort keys the console offers → the ORDER BY expression (id breaks ties: stable pages). */
  static final Map<String, String> SORTS = Map.of(
      "created_at", "created_at",
      "last_seen_at", "last_seen_at",
      "severity", "severity",
      "occurrence_count", "occurrence_count",
      "service", "service",
      "status", "status");

  static final List<String> EQUAL_FILTERS = List.of("service", "severity", "status", "source");

  private static final String LIST_COLUMNS = """
      id, type, service, severity, description, created_at, origin_system, status, source,
      occurrence_count, last_seen_at, enrichment_state, merged_into,
      (SELECT count(*) FROM work_item_relations r WHERE r.item_a = work_items.id OR r.item_b = work_items.id) AS related_count""";

  private final Pool pool;

  ConsoleRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * One page and the total, like {@code GET /work-items}, plus {@code source}, {@code q}
   * (case-insensitive substring of the description or id) and {@code sort}/{@code order}.
   */
  Future<WorkItemPage> list(ConsoleQuery query) {
    List<Object> values = new ArrayList<>();
    String where = where(query, values);
    String sort = query.sort() == null ? "created_at" : SORTS.getOrDefault(query.sort(), "created_at");
    String order = "asc".equals(query.order()) ? "ASC" : "DESC";
    int limit = query.limit();
    int offset = query.offset();
    String count = "SELECT count(*) AS total FROM work_items" + where;
    String page = "SELECT " + LIST_COLUMNS + " FROM work_items" + where
        + " ORDER BY " + sort + " " + order + ", id " + order
        + " LIMIT $" + (values.size() + 1) + " OFFSET $" + (values.size() + 2);
    Tuple filters = Tuple.from(values);
    Tuple pageParams = Tuple.from(values).addInteger(limit).addInteger(offset);
    return pool.withTransaction(conn -> conn.preparedQuery(count).execute(filters)
        .compose(totals -> conn.preparedQuery(page).execute(pageParams).map(rows -> {
          List<WorkItemSummary> items = new ArrayList<>(rows.size());
          for (Row row : rows) {
            items.add(WorkItemRepository.summary(row, row.getLong("related_count")));
          }
          return new WorkItemPage(items, totals.iterator().next().getLong("total"), limit, offset);
        })));
  }

  private static String where(ConsoleQuery query, List<Object> values) {
    StringBuilder where = new StringBuilder();
    for (String column : EQUAL_FILTERS) {
      String value = query.filter(column);
      if (value != null) {
        values.add(value);
        where.append(values.size() == 1 ? " WHERE " : " AND ").append(column).append(" = $").append(values.size());
      }
    }
    String text = query.q();
    if (text != null) {
      // strpos, not LIKE: the operator's text is matched literally (no % or _ wildcards).
      values.add(text.toLowerCase(java.util.Locale.ROOT));
      where.append(values.size() == 1 ? " WHERE " : " AND ")
          .append("(strpos(lower(coalesce(description, '')), $").append(values.size())
          .append(") > 0 OR strpos(lower(id), $").append(values.size()).append(") > 0)");
    }
    return where.toString();
  }

  /** The item's outcomes, oldest first, each with its outbox entry (Learner delivery state). */
  Future<JsonObject> outcomes(String workItemId) {
    String sql = """
        SELECT o.id, o.event_id, o.type, o.decision_id, o.actor_id, o.timestamp, o.new_assignee_id, o.notes,
               o.recorded_at, x.status AS delivery, x.attempts, x.last_error, x.delivered_at, x.next_attempt_at
        FROM outcomes o LEFT JOIN outcome_outbox x ON x.outcome_id = o.id
        WHERE o.work_item_id = $1 ORDER BY o.recorded_at, o.id""";
    return pool.preparedQuery(sql).execute(Tuple.of(workItemId)).map(rows -> {
      JsonArray list = new JsonArray();
      for (Row row : rows) {
        list.add(new JsonObject()
            .put("outcome_id", row.getString("id"))
            .put("event_id", row.getString("event_id"))
            .put("type", row.getString("type"))
            .put("decision_id", row.getString("decision_id"))
            .put("actor_id", row.getString("actor_id"))
            .put("timestamp", row.getString("timestamp"))
            .put("new_assignee_id", row.getString("new_assignee_id"))
            .put("notes", row.getString("notes"))
            .put("recorded_at", Timestamps.iso(row.getOffsetDateTime("recorded_at")))
            .put("learner_delivery", new JsonObject()
                .put("state", row.getString("delivery"))
                .put("attempts", row.getInteger("attempts"))
                .put("last_error", row.getString("last_error"))
                .put("delivered_at", Timestamps.iso(row.getOffsetDateTime("delivered_at")))
                .put("next_attempt_at", Timestamps.iso(row.getOffsetDateTime("next_attempt_at")))));
      }
      return new JsonObject().put("work_item_id", workItemId).put("outcomes", list);
    });
  }

  /**
   * The stored 3D coordinates of embedded items matching the filters, newest first, at most
   * {@code limit}; each with a short description for the hover label.
   */
  Future<JsonObject> mapPoints(ConsoleQuery query) {
    List<Object> values = new ArrayList<>();
    String where = where(query, values);
    String sql = "SELECT id, service, severity, status, left(description, 160) AS label, "
        + "embedding_3d_x, embedding_3d_y, embedding_3d_z FROM work_items"
        + (where.isEmpty() ? " WHERE " : where + " AND ") + "embedding_3d_x IS NOT NULL"
        + " ORDER BY created_at DESC, id DESC LIMIT $" + (values.size() + 1);
    Tuple params = Tuple.from(values).addInteger(query.limit());
    return pool.preparedQuery(sql).execute(params).map(rows -> {
      // Columns, not objects: 20,000 points stay a small body.
      JsonArray ids = new JsonArray();
      JsonArray services = new JsonArray();
      JsonArray severities = new JsonArray();
      JsonArray statuses = new JsonArray();
      JsonArray labels = new JsonArray();
      JsonArray xyz = new JsonArray();
      for (Row row : rows) {
        ids.add(row.getString("id"));
        services.add(row.getString("service"));
        severities.add(row.getString("severity"));
        statuses.add(row.getString("status"));
        labels.add(row.getString("label"));
        xyz.add(row.getFloat("embedding_3d_x")).add(row.getFloat("embedding_3d_y")).add(row.getFloat("embedding_3d_z"));
      }
      return new JsonObject().put("count", ids.size()).put("ids", ids).put("services", services)
          .put("severities", severities).put("statuses", statuses).put("labels", labels).put("xyz", xyz);
    });
  }

  /** {@code fingerprints} → the newest unresolved item of each (the partial fingerprint index answers): the item a log pattern opened. */
  Future<JsonObject> itemsByFingerprint(List<String> fingerprints) {
    String[] values = fingerprints.toArray(String[]::new);
    String sql = """
        SELECT DISTINCT ON (fingerprint) fingerprint, id, status, severity, occurrence_count
        FROM work_items WHERE fingerprint = ANY($1::text[]) AND status <> 'resolved'
        ORDER BY fingerprint, created_at DESC""";
    return pool.preparedQuery(sql).execute(Tuple.tuple().addArrayOfString(values)).map(rows -> {
      JsonObject byFingerprint = new JsonObject();
      for (Row row : rows) {
        byFingerprint.put(row.getString("fingerprint"), new JsonObject()
            .put("id", row.getString("id"))
            .put("status", row.getString("status"))
            .put("severity", row.getString("severity"))
            .put("occurrence_count", row.getInteger("occurrence_count")));
      }
      return new JsonObject().put("items", byFingerprint);
    });
  }
}
