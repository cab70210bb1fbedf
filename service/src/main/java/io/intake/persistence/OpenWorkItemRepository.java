package io.intake.persistence;

import io.intake.bus.Failure;
import io.intake.persistence.api.AcknowledgeRequest;
import io.intake.persistence.api.Acknowledgement;
import io.intake.persistence.api.OpenWorkItem;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * Finding the open item a source's later event is about (a resolve, a reassignment, an
 * acknowledgement), by its identity fingerprints in order of preference.
 */
final class OpenWorkItemRepository {

  private static final String OPEN_ITEM = """
      SELECT id FROM work_items
      WHERE fingerprint = ANY($1::text[]) AND status <> 'resolved'
      ORDER BY array_position($1::text[], fingerprint), last_seen_at DESC
      LIMIT 1""";

  private static final String FIND_OPEN = "SELECT id, status FROM work_items WHERE id = (" + OPEN_ITEM + ")";

  // The first acknowledgement counts; a repeat changes nothing but updated_at.
  private static final String ACKNOWLEDGE = """
      UPDATE work_items
      SET acknowledged_at = COALESCE(acknowledged_at, $2, now()),
          acknowledged_by = COALESCE(acknowledged_by, $3),
          updated_at = now()
      WHERE id = (""" + OPEN_ITEM + """
      )
      RETURNING id, acknowledged_at, acknowledged_by""";

  private final Pool pool;

  OpenWorkItemRepository(Pool pool) {
    this.pool = pool;
  }

  /** The open item, or fails NOT_FOUND. */
  Future<OpenWorkItem> findOpen(List<String> fingerprints) {
    return pool.preparedQuery(FIND_OPEN).execute(Tuple.of(fingerprints.toArray(String[]::new)))
        .compose(rows -> openItem(rows, row -> new OpenWorkItem(row.getString("id"), row.getString("status"))));
  }

  /** The acknowledgement in force on the open item, or fails NOT_FOUND. */
  Future<Acknowledgement> acknowledge(AcknowledgeRequest request) {
    OffsetDateTime when = request.acknowledgedAt() == null ? null : OffsetDateTime.parse(request.acknowledgedAt());
    return pool.preparedQuery(ACKNOWLEDGE)
        .execute(Tuple.of(request.fingerprints().toArray(String[]::new), when, request.acknowledgedBy()))
        .compose(rows -> openItem(rows, row -> new Acknowledgement(row.getString("id"),
            Timestamps.iso(row.getOffsetDateTime("acknowledged_at")), row.getString("acknowledged_by"))));
  }

  private static <T> Future<T> openItem(RowSet<Row> rows, Function<Row, T> answer) {
    return rows.size() == 0
        ? Future.failedFuture(Failure.NOT_FOUND.exception("no open work item"))
        : Future.succeededFuture(answer.apply(rows.iterator().next()));
  }
}
