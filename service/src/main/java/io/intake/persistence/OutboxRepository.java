package io.intake.persistence;

import io.intake.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome outbox as a work queue. Claims lease entries (several forwarders never hold the
 * same one), and only the oldest pending entry of each work item is claimable, so the Learner
 * sees a work item's outcomes in the order they were recorded.
 */
final class OutboxRepository {

  // SKIP LOCKED keeps concurrent claimers off each other's rows; the lease re-check in the UPDATE
  // (evaluated on the latest row version) stops a claimer that read before another one committed.
  private static final String CLAIM = """
      WITH due AS (
        SELECT o.id FROM outcome_outbox o
        WHERE o.status = 'pending' AND o.next_attempt_at <= now()
          AND (o.lease_until IS NULL OR o.lease_until < now())
          AND NOT EXISTS (SELECT 1 FROM outcome_outbox p
                          WHERE p.work_item_id = o.work_item_id AND p.status = 'pending' AND p.id < o.id)
        ORDER BY o.id
        LIMIT $1
        FOR UPDATE SKIP LOCKED)
      UPDATE outcome_outbox o
      SET lease_until = now() + make_interval(secs => $2), lease_owner = $3, attempts = o.attempts + 1
      FROM due
      WHERE o.id = due.id AND o.status = 'pending' AND (o.lease_until IS NULL OR o.lease_until < now())
      RETURNING o.id, o.event_id, o.work_item_id, o.payload, o.attempts""";

  // Leases of this node's earlier runs: that run is over (this node restarted), nobody else holds them.
  private static final String RECLAIM = """
      UPDATE outcome_outbox SET lease_until = NULL, lease_owner = NULL
      WHERE status = 'pending' AND lease_until >= now()
        AND starts_with(lease_owner, $1 || '/') AND lease_owner <> $2""";

  private static final String DELIVERED = """
      UPDATE outcome_outbox SET status = 'delivered', delivered_at = now(), lease_until = NULL, last_error = NULL
      WHERE id = ANY($1::bigint[]) AND status = 'pending'""";

  private static final String RETRY = """
      UPDATE outcome_outbox o
      SET lease_until = NULL, next_attempt_at = now() + make_interval(secs => r.delay_ms / 1000.0), last_error = r.error
      FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS r(id, delay_ms, error)
      WHERE o.id = r.id AND o.status = 'pending'""";

  private static final String DEAD = """
      UPDATE outcome_outbox o SET status = 'dead', lease_until = NULL, last_error = r.error
      FROM unnest($1::bigint[], $2::text[]) AS r(id, error)
      WHERE o.id = r.id AND o.status = 'pending'""";

  private static final String REPLAY = """
      UPDATE outcome_outbox
      SET status = 'pending', attempts = 0, next_attempt_at = now(), lease_until = NULL
      WHERE id = $1 AND status = 'dead'
      RETURNING id""";

  private static final String STATUS_OF = "SELECT status FROM outcome_outbox WHERE id = $1";

  private static final String LIST = """
      SELECT id, outcome_id, event_id, work_item_id, status, attempts, next_attempt_at, last_error,
             created_at, delivered_at, payload
      FROM outcome_outbox WHERE status = $1 ORDER BY id LIMIT $2""";

  private static final String STATS = """
      SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
             count(*) FILTER (WHERE status = 'dead') AS dead,
             count(*) FILTER (WHERE status = 'delivered') AS delivered,
             EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE status = 'pending'))::float8 AS oldest
      FROM outcome_outbox""";

  private final Pool pool;

  OutboxRepository(Pool pool) {
    this.pool = pool;
  }

  /** Releases the leases of this node's earlier runs (see NodeIdentity). */
  Future<JsonObject> reclaim(String nodeId, String owner) {
    return pool.preparedQuery(RECLAIM).execute(Tuple.of(nodeId, owner))
        .map(rows -> new JsonObject().put("released", rows.rowCount()));
  }

  Future<JsonObject> claim(int limit, int leaseSeconds, String owner) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(limit, leaseSeconds, owner)).map(rows -> {
      JsonArray entries = new JsonArray();
      for (Row row : rows) {
        entries.add(new JsonObject()
            .put("id", row.getLong("id"))
            .put("event_id", row.getString("event_id"))
            .put("work_item_id", row.getString("work_item_id"))
            .put("payload", row.getJsonObject("payload"))
            .put("attempts", row.getInteger("attempts")));
      }
      return new JsonObject().put("entries", entries);
    });
  }

  /** Records the results of one delivery round in one transaction. */
  Future<JsonObject> settle(JsonObject results) {
    Long[] delivered = ids(results.getJsonArray("delivered", new JsonArray()));
    JsonArray retry = results.getJsonArray("retry", new JsonArray());
    JsonArray dead = results.getJsonArray("dead", new JsonArray());
    // Arrays go in with addValue: Tuple.of(a, b) would spread an array into its varargs.
    return pool.withTransaction(conn -> update(conn, DELIVERED, delivered.length, Tuple.tuple().addValue(delivered))
            .compose(v -> update(conn, RETRY, retry.size(), Tuple.tuple()
                .addValue(column(retry, "id", Long.class))
                .addValue(column(retry, "delay_ms", Long.class))
                .addValue(column(retry, "error", String.class))))
            .compose(v -> update(conn, DEAD, dead.size(), Tuple.tuple()
                .addValue(column(dead, "id", Long.class))
                .addValue(column(dead, "error", String.class)))))
        .map(v -> new JsonObject()
            .put("delivered", delivered.length).put("retry", retry.size()).put("dead", dead.size()));
  }

  private static Future<Void> update(SqlConnection conn, String sql, int size, Tuple params) {
    return size == 0 ? Future.succeededFuture() : conn.preparedQuery(sql).execute(params).mapEmpty();
  }

  Future<JsonObject> replay(long id) {
    return pool.preparedQuery(REPLAY).execute(Tuple.of(id)).compose(rows -> rows.size() == 1
        ? Future.succeededFuture(new JsonObject().put("id", id).put("status", "pending"))
        : pool.preparedQuery(STATUS_OF).execute(Tuple.of(id)).compose(found -> Future.failedFuture(found.size() == 0
            ? Failure.NOT_FOUND.exception("outbox entry not found")
            : Failure.CONFLICT.exception("only dead-lettered entries can be replayed; this one is "
                + found.iterator().next().getString("status")))));
  }

  Future<JsonObject> list(String status, int limit) {
    return pool.preparedQuery(LIST).execute(Tuple.of(status, limit)).map(rows -> {
      JsonArray entries = new JsonArray();
      for (Row row : rows) {
        entries.add(new JsonObject()
            .put("id", row.getLong("id"))
            .put("outcome_id", row.getString("outcome_id"))
            .put("event_id", row.getString("event_id"))
            .put("work_item_id", row.getString("work_item_id"))
            .put("status", row.getString("status"))
            .put("attempts", row.getInteger("attempts"))
            .put("next_attempt_at", Timestamps.iso(row.getOffsetDateTime("next_attempt_at")))
            .put("last_error", row.getString("last_error"))
            .put("created_at", Timestamps.iso(row.getOffsetDateTime("created_at")))
            .put("delivered_at", Timestamps.iso(row.getOffsetDateTime("delivered_at")))
            .put("payload", row.getJsonObject("payload")));
      }
      return new JsonObject().put("entries", entries);
    });
  }

  Future<JsonObject> stats() {
    return pool.query(STATS).execute().map(rows -> {
      Row row = rows.iterator().next();
      Double oldest = row.getDouble("oldest");
      return new JsonObject()
          .put("pending", row.getLong("pending"))
          .put("dead", row.getLong("dead"))
          .put("delivered", row.getLong("delivered"))
          .put("oldest_pending_age_seconds", oldest == null ? 0.0 : Math.round(oldest * 1000) / 1000.0);
    });
  }

  private static Long[] ids(JsonArray array) {
    Long[] ids = new Long[array.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = array.getLong(i);
    }
    return ids;
  }

  @SuppressWarnings("unchecked")
  private static <T> T[] column(JsonArray rows, String field, Class<T> type) {
    List<T> values = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Object value = rows.getJsonObject(i).getValue(field);
      values.add(type == Long.class && value instanceof Number n ? (T) Long.valueOf(n.longValue()) : type.cast(value));
    }
    return values.toArray((T[]) java.lang.reflect.Array.newInstance(type, 0));
  }
}
