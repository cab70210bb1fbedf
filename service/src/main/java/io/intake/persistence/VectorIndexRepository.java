package io.intake.persistence;

import io.intake.vectors.PackedVectors;
import io.intake.vectors.VectorStateClient.ChangesQuery;
import io.intake.vectors.VectorStateClient.Mark;
import io.intake.vectors.VectorStateClient.PackedPage;
import io.intake.vectors.VectorStateClient.PageQuery;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What the vector index reads at start-up: every stored vector by id (a full rebuild), the items
 * changed since a snapshot's marker (its catch-up), and the marker itself. Rows are packed
 * straight into bytes ({@link PackedVectors}), never into records or JSON.
 */
final class VectorIndexRepository {

  // A merged item is no dedup target: the index holds it as 'merged'.
  private static final String INDEXED_COLUMNS = """
      id, service, severity, CASE WHEN merged_into IS NULL THEN status ELSE 'merged' END AS status,
        created_at, embedding_model, embedding""";

  private static final String PAGE = "SELECT " + INDEXED_COLUMNS + """

      FROM work_items WHERE embedding IS NOT NULL AND id > $1 ORDER BY id LIMIT $2""";

  // Also rows whose vector is gone: the catch-up takes them out of the index.
  private static final String CHANGES = "SELECT " + INDEXED_COLUMNS + ", index_xid" + """

      FROM work_items WHERE index_xid IS NOT NULL AND (index_xid, id) > ($1, $2)
      ORDER BY index_xid, id LIMIT $3""";

  private static final String REMOVALS = "SELECT DISTINCT id FROM vector_index_removals WHERE index_xid >= $1";

  // The oldest transaction still running: every older one has committed or rolled back.
  private static final String MARK = """
      SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS mark,
        (SELECT id FROM database_identity) AS database""";

  private static final int BYTES_PER_ROW = 1_700;

  private final Pool pool;

  VectorIndexRepository(Pool pool) {
    this.pool = pool;
  }

  Future<PackedPage> page(PageQuery query) {
    return pool.preparedQuery(PAGE).execute(Tuple.of(query.afterId() == null ? "" : query.afterId(), query.limit()))
        .map(rows -> packed(rows, false, List.of()));
  }

  Future<PackedPage> changes(ChangesQuery query) {
    Future<List<String>> removed = query.afterId() != null ? Future.succeededFuture(List.of())
        : pool.preparedQuery(REMOVALS).execute(Tuple.of(query.since())).map(rows -> {
          List<String> ids = new ArrayList<>(rows.size());
          rows.forEach(r -> ids.add(r.getString("id")));
          return ids;
        });
    return removed.compose(ids -> pool.preparedQuery(CHANGES)
        .execute(Tuple.of(query.afterMark(), query.afterId() == null ? "" : query.afterId(), query.limit()))
        .map(rows -> packed(rows, true, ids)));
  }

  Future<Mark> mark() {
    return pool.query(MARK).execute().map(rows -> {
      Row row = rows.iterator().next();
      return new Mark(row.getLong("mark"), row.getString("database"));
    });
  }

  private static PackedPage packed(RowSet<Row> rows, boolean marked, List<String> removed) {
    PackedVectors.Writer writer = new PackedVectors.Writer(rows.size() * BYTES_PER_ROW);
    String lastId = null;
    long lastMark = -1;
    // Columns by position (INDEXED_COLUMNS' order): a look-up by name per value was 5 % of a rebuild.
    for (Row row : rows) {
      lastId = row.getString(0);
      OffsetDateTime created = row.getOffsetDateTime(4);
      Buffer vector = row.getBuffer(6);
      // Epoch milliseconds, as the API's timestamps: the index filters on the same instants.
      writer.add(lastId, row.getString(1), row.getString(2), row.getString(3),
          created == null ? Long.MIN_VALUE : created.toInstant().toEpochMilli(), row.getString(5),
          vector == null ? 0 : vector.length(), (page, offset) -> vector.getBytes(0, vector.length(), page, offset));
      if (marked) {
        lastMark = row.getLong(7);
      }
    }
    return new PackedPage(writer.toBytes(), writer.count(), lastId, lastMark, removed);
  }
}
