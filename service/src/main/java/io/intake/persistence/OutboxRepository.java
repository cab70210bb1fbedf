package io.intake.persistence;

import io.intake.bus.Failure;
import io.intake.persistence.api.ClaimRequest;
import io.intake.persistence.api.Claimed;
import io.intake.persistence.api.OutboxEntry;
import io.intake.persistence.api.OutboxListQuery;
import io.intake.persistence.api.OutboxListing;
import io.intake.persistence.api.OutboxStats;
import io.intake.persistence.api.ReclaimRequest;
import io.intake.persistence.api.Reclaimed;
import io.intake.persistence.api.ReplayRequest;
import io.intake.persistence.api.ReplayedEntry;
import io.intake.persistence.api.Settled;
import io.intake.persistence.api.Settlement;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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
  Future<Reclaimed> reclaim(ReclaimRequest request) {
    return pool.preparedQuery(RECLAIM).execute(Tuple.of(request.nodeId(), request.owner()))
        .map(rows -> new Reclaimed(rows.rowCount()));
  }

  Future<Claimed> claim(ClaimRequest request) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(request.limit(), request.leaseSeconds(), request.owner()))
        .map(rows -> new Claimed(mapped(rows, OutboxEntry::fromRow)));
  }

  /** Records the results of one delivery round in one transaction. */
  Future<Settled> settle(Settlement results) {
    Long[] delivered = results.delivered().toArray(Long[]::new);
    List<Settlement.Retry> retry = results.retry();
    List<Settlement.Dead> dead = results.dead();
    // Arrays go in with addValue: Tuple.of(a, b) would spread an array into its varargs.
    return pool.withTransaction(conn -> update(conn, DELIVERED, delivered.length, Tuple.tuple().addValue(delivered))
            .compose(v -> update(conn, RETRY, retry.size(), Tuple.tuple()
                .addValue(retry.stream().map(Settlement.Retry::id).toArray(Long[]::new))
                .addValue(retry.stream().map(Settlement.Retry::delayMs).toArray(Long[]::new))
                .addValue(retry.stream().map(Settlement.Retry::error).toArray(String[]::new))))
            .compose(v -> update(conn, DEAD, dead.size(), Tuple.tuple()
                .addValue(dead.stream().map(Settlement.Dead::id).toArray(Long[]::new))
                .addValue(dead.stream().map(Settlement.Dead::error).toArray(String[]::new)))))
        .map(v -> new Settled(delivered.length, retry.size(), dead.size()));
  }

  private static Future<Void> update(SqlConnection conn, String sql, int size, Tuple params) {
    return size == 0 ? Future.succeededFuture() : conn.preparedQuery(sql).execute(params).mapEmpty();
  }

  Future<ReplayedEntry> replay(ReplayRequest request) {
    long id = request.id();
    return pool.preparedQuery(REPLAY).execute(Tuple.of(id)).compose(rows -> rows.size() == 1
        ? Future.succeededFuture(new ReplayedEntry(id, "pending"))
        : pool.preparedQuery(STATUS_OF).execute(Tuple.of(id)).compose(found -> Future.failedFuture(found.size() == 0
            ? Failure.NOT_FOUND.exception("outbox entry not found")
            : Failure.CONFLICT.exception("only dead-lettered entries can be replayed; this one is "
                + found.iterator().next().getString("status")))));
  }

  Future<OutboxListing> list(OutboxListQuery query) {
    return pool.preparedQuery(LIST).execute(Tuple.of(query.status(), query.limit()))
        .map(rows -> new OutboxListing(mapped(rows, OutboxRepository::listed)));
  }

  private static OutboxListing.Entry listed(Row row) {
    return new OutboxListing.Entry(
        row.getLong("id"),
        row.getString("outcome_id"),
        row.getString("event_id"),
        row.getString("work_item_id"),
        row.getString("status"),
        row.getInteger("attempts"),
        Timestamps.iso(row.getOffsetDateTime("next_attempt_at")),
        row.getString("last_error"),
        Timestamps.iso(row.getOffsetDateTime("created_at")),
        Timestamps.iso(row.getOffsetDateTime("delivered_at")),
        row.getJsonObject("payload"));
  }

  Future<OutboxStats> stats() {
    return pool.query(STATS).execute().map(rows -> {
      Row row = rows.iterator().next();
      Double oldest = row.getDouble("oldest");
      return new OutboxStats(row.getLong("pending"), row.getLong("dead"), row.getLong("delivered"),
          oldest == null ? 0.0 : Math.round(oldest * 1000) / 1000.0);
    });
  }

  private static <T> List<T> mapped(RowSet<Row> rows, Function<Row, T> mapper) {
    List<T> mapped = new ArrayList<>(rows.size());
    for (Row row : rows) {
      mapped.add(mapper.apply(row));
    }
    return mapped;
  }
}
