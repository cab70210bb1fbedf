package io.intake.persistence;

import io.intake.persistence.api.FallbackRecord;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * A queue of Kafka records in PostgreSQL, taken by one relay at a time in id order and deleted once
 * the broker has them: the fallback ({@code stream_fallback}, records the broker could not
 * acknowledge in time) and the event outbox ({@code event_outbox}, filled by triggers in the
 * transaction of each work-item or outcome change; its records have no topic of their own).
 */
final class StreamFallbackRepository {

  private static final String APPEND = """
      INSERT INTO %s (topic, record_key, record_value)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[])""";

  // The advisory lock makes "no other owner holds a lease" and taking the lease one step: two
  // relays never send the same head, so the broker receives the records in the order kept here.
  private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('intake.%s'))";

  private static final String TAKE = """
      UPDATE %1$s SET lease_owner = $1, lease_until = now() + $3 * interval '1 millisecond'
      WHERE id IN (
        SELECT id FROM %1$s
        WHERE NOT EXISTS (SELECT 1 FROM %1$s o WHERE o.lease_until > now() AND o.lease_owner <> $1)
        ORDER BY id LIMIT $2)
      RETURNING id, coalesce(topic, ''), record_key, record_value""";

  private static final String REMOVE = "DELETE FROM %s WHERE id = ANY($1::bigint[])";

  private static final String DEPTH = """
      SELECT count(*), (extract(epoch FROM now() - min(created_at)) * 1000)::bigint FROM %s""";

  private final Pool pool;
  private final String append;
  private final String lock;
  private final String take;
  private final String remove;
  private final String depth;

  /** @param table {@code stream_fallback} or {@code event_outbox} (a constant, never input) */
  StreamFallbackRepository(Pool pool, String table) {
    this.pool = pool;
    this.append = APPEND.formatted(table);
    this.lock = LOCK.formatted(table);
    this.take = TAKE.formatted(table);
    this.remove = REMOVE.formatted(table);
    this.depth = DEPTH.formatted(table);
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
    return pool.preparedQuery(append).execute(Tuple.of(topics, keys, values)).map(rows -> rows.rowCount());
  }

  Future<List<FallbackRecord>> take(FallbackRecord.Take take) {
    return pool.withTransaction(conn -> conn.query(lock).execute()
        .compose(locked -> conn.preparedQuery(this.take).execute(Tuple.of(take.owner(), take.limit(), take.leaseMs())))
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
    return pool.preparedQuery(remove).execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> rows.rowCount());
  }

  Future<FallbackRecord.Depth> depth() {
    return pool.query(depth).execute().map(rows -> {
      Row row = rows.iterator().next();
      return new FallbackRecord.Depth(row.getLong(0), row.getLong(1));
    });
  }
}
