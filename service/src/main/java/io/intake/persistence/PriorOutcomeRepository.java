package io.intake.persistence;

import io.intake.bus.Failure;
import io.intake.persistence.api.FindPriorRequest;
import io.intake.persistence.api.PriorOutcome;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The outcome a source's redelivered event already recorded, so the redelivery is answered as a
 * replay instead of "no open item" (or a 409 when the key has been reopened since): found by the
 * source's event id, or, for a resolve, as the resolution of the key's latest item when that item
 * is already resolved.
 */
final class PriorOutcomeRepository {

  private static final String BY_EVENT = """
      SELECT o.id, o.event_id, o.type, o.work_item_id, w.status
      FROM outcomes o JOIN work_items w ON w.id = o.work_item_id
      WHERE o.event_id = $1""";

  // The key's latest item (any status, through the source_key index); its latest resolution if it is resolved.
  private static final String RESOLUTION_OF_LATEST = """
      SELECT o.id, o.event_id, o.type, o.work_item_id, w.status
      FROM outcomes o JOIN work_items w ON w.id = o.work_item_id
      WHERE w.id = (SELECT id FROM work_items WHERE source = $1 AND source_key = ANY($2::text[])
                    ORDER BY created_at DESC, id DESC LIMIT 1)
        AND w.status = 'resolved' AND o.type = 'resolved'
      ORDER BY o.recorded_at DESC LIMIT 1""";

  private final Pool pool;

  PriorOutcomeRepository(Pool pool) {
    this.pool = pool;
  }

  /** By the source's event id, else the resolution of the keys' latest item; or fails NOT_FOUND. */
  Future<PriorOutcome> find(FindPriorRequest request) {
    return request.eventId() != null
        ? byEventId(request.eventId())
        : resolutionOfLatest(request.source(), request.keys());
  }

  private Future<PriorOutcome> byEventId(String eventId) {
    return pool.preparedQuery(BY_EVENT).execute(Tuple.of(eventId)).compose(PriorOutcomeRepository::first);
  }

  /** The resolution of the latest item of these keys when it is resolved. */
  private Future<PriorOutcome> resolutionOfLatest(String source, List<String> keys) {
    return pool.preparedQuery(RESOLUTION_OF_LATEST).execute(Tuple.tuple().addString(source).addArrayOfString(keys.toArray(String[]::new)))
        .compose(PriorOutcomeRepository::first);
  }

  private static Future<PriorOutcome> first(RowSet<Row> rows) {
    return rows.size() == 0
        ? Future.failedFuture(Failure.NOT_FOUND.exception("no prior outcome"))
        : Future.succeededFuture(PriorOutcome.fromRow(rows.iterator().next()));
  }
}
