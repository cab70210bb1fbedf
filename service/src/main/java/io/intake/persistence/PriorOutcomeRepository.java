package io.intake.persistence;

import io.intake.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
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

  /** @return {@code outcome_id, event_id, type, work_item_id, status}, or fails NOT_FOUND */
  Future<JsonObject> byEventId(String eventId) {
    return pool.preparedQuery(BY_EVENT).execute(Tuple.of(eventId)).compose(PriorOutcomeRepository::first);
  }

  /** @return the resolution of the latest item of these keys when it is resolved, or fails NOT_FOUND */
  Future<JsonObject> resolutionOfLatest(String source, List<String> keys) {
    return pool.preparedQuery(RESOLUTION_OF_LATEST).execute(Tuple.tuple().addString(source).addArrayOfString(keys.toArray(String[]::new)))
        .compose(PriorOutcomeRepository::first);
  }

  private static Future<JsonObject> first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Future.failedFuture(Failure.NOT_FOUND.exception("no prior outcome"));
    }
    Row row = rows.iterator().next();
    return Future.succeededFuture(new JsonObject()
        .put("outcome_id", row.getString("id"))
        .put("event_id", row.getString("event_id"))
        .put("type", row.getString("type"))
        .put("work_item_id", row.getString("work_item_id"))
        .put("status", row.getString("status")));
  }
}
