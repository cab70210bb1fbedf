package io.intake.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grows the work-item table to a given count for the memory measurements, inside PostgreSQL
 * (generate_series, 100,000 rows per transaction): resolved, already indexed items whose vectors
 * are real embeddings taken from the items the scenarios stored, reused in turn. The saved
 * projection is marked as fitted on the new total, so the restarted program does not refit and
 * rewrite a million coordinates while it is being measured.
 */
final class MemorySeed {

  private static final Logger LOG = LoggerFactory.getLogger(MemorySeed.class);
  private static final int CHUNK = 100_000;

  private MemorySeed() {
  }

  /** @return the number of stored work items afterwards */
  static Future<Long> seed(Vertx vertx, int pgPort, long target) {
    return vertx.executeBlocking(() -> {
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", "")) {
        long count = single(c, "SELECT count(*) FROM work_items");
        try (Statement s = c.createStatement()) {
          s.execute("""
              CREATE TEMP TABLE IF NOT EXISTS seed_vectors AS
              SELECT (row_number() OVER (ORDER BY id)) - 1 AS k, embedding, embedding_model, embedding_dim
              FROM (SELECT id, embedding, embedding_model, embedding_dim FROM work_items
                    WHERE embedding IS NOT NULL ORDER BY id LIMIT 1000) v""");
        }
        long vectors = single(c, "SELECT count(*) FROM seed_vectors");
        if (vectors == 0) {
          throw new IllegalStateException("no embedded work items to take vectors from");
        }
        long started = System.nanoTime();
        for (long from = count; from < target; from += CHUNK) {
          long to = Math.min(target, from + CHUNK) - 1;
          try (Statement s = c.createStatement()) {
            s.executeUpdate(String.format("""
                INSERT INTO work_items (id, type, service, severity, description, raw_log, created_at, origin_system,
                  source, fingerprint, last_seen_at, updated_at, status, enrichment_state, embedding, embedding_model,
                  embedding_dim, embedding_3d_x, embedding_3d_y, embedding_3d_z)
                SELECT 'wi_seed_' || lpad(g::text, 9, '0'), 'incident',
                  (ARRAY['checkout-service','payment-service','search-service','auth-service','inventory-service'])[1 + g %% 5],
                  'sev3', 'Seeded item ' || g, 'Seeded item ' || g, now() - interval '2 days', 'load-seed', 'demo',
                  'seed:' || g, now() - interval '2 days', now(), 'resolved', 'indexed', v.embedding, v.embedding_model,
                  v.embedding_dim, 0, 0, 0
                FROM generate_series(%d, %d) g JOIN seed_vectors v ON v.k = g %% %d""", from, to, vectors));
          }
        }
        long total = single(c, "SELECT count(*) FROM work_items");
        try (Statement s = c.createStatement()) {
          s.executeUpdate("UPDATE vector_projection SET fitted_on = GREATEST(fitted_on, " + total + ")");
        }
        LOG.info("seeded {} work items in {} s", total - count, (System.nanoTime() - started) / 1_000_000_000L);
        return total;
      }
    });
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
