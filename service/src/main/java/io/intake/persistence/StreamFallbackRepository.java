package io.intake.persistence;

import io.intake.persistence.api.FallbackRecord;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka fallback: records kept while the broker could not acknowledge them, taken back by one
 * relay at a time in id order and deleted once the broker has them.
 */
final class StreamFallbackRepository {

  private static final String APPEND = """
      INSERT INTO stream_fallback (topic, record_key, record_value)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[])""";

  // The advisory lock makes "no other owner holds a lease" and taking the lease one step: two
  // relays never send the same head, so the broker receives the records in the order kept here.
  private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('intake.stream_fallback'))";

  private static final String TAKE = """
      UPDATE stream_fallback SET lease_owner = $1, lease_until = now() + $3 * interval '1 millisecond'
      WHERE id IN (
        SELECT id FROM stream_fallback
        WHERE NOT EXISTS (SELECT 1 FROM stream_fallback o WHERE o.lease_until > now() AND o.lease_owner <> $1)
        ORDER BY id LIMIT $2)
      RETURNING id, topic, record_key, record_value""";

  private static final String REMOVE = "DELETE FROM stream_fallback WHERE id = ANY($1::bigint[])";

  private static final String DEPTH = """
      SELECT count(*), (extract(epoch FROM now() - min(created_at)) * 1000)::bigint FROM stream_fallback""";

  private final Pool pool;

  StreamFallbackRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Integer> append(List<FallbackRecord> records) {
    String[] topics = new String[records.size()];
    String[] keys = new String[records.size()];
    String[] values = new String[records.size()];
    for (int i = 0; i < records.size(); i++) {
      topics[i] = records.get(i).topic();
      keys[i] = records.get(i).key();
      values[i] = records.get(i).value();
    }
    return pool.preparedQuery(APPEND).execute(Tuple.of(topics, keys, values)).map(rows -> rows.rowCount());
  }

  Future<List<FallbackRecord>> take(FallbackRecord.Take take) {
    return pool.withTransaction(conn -> conn.query(LOCK).execute()
        .compose(locked -> conn.preparedQuery(TAKE).execute(Tuple.of(take.owner(), take.limit(), take.leaseMs())))
        .map(rows -> {
          List<FallbackRecord> out = new ArrayList<>();
          for (Row row : rows) {
            out.add(new FallbackRecord(row.getLong(0), row.getString(1), row.getString(2), row.getString(3)));
          }
          // UPDATE … RETURNING does not keep the sub-select's order.
          out.sort((a, b) -> Long.compare(a.id(), b.id()));
          return out;
        }));
  }

  Future<Integer> remove(List<Long> ids) {
    return pool.preparedQuery(REMOVE).execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> rows.rowCount());
  }

  Future<FallbackRecord.Depth> depth() {
    return pool.query(DEPTH).execute().map(rows -> {
      Row row = rows.iterator().next();
      return new FallbackRecord.Depth(row.getLong(0), row.getLong(1));
    });
  }
}
