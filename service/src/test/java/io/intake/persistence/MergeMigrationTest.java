package io.intake.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V24 on a database that holds V3-era semantic duplicates: identity items come back as related
 * open items (the occurrence the merge added is taken back), items without one stay merged with the
 * merge recorded, and nothing is hidden behind a resolved target.
 */
class MergeMigrationTest {

  private static Flyway flyway(String url, String target) {
    DatabaseSettings db = DatabaseSettings.fromUrl(url);
    return Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration").target(target).load();
  }

  private static String insert(String id, String status, String sourceKey, String duplicateOf, int occurrences) {
    return "INSERT INTO work_items (id, type, service, severity, description, created_at, status, source, fingerprint,"
        + " occurrence_count, last_seen_at, updated_at, source_key, duplicate_of, duplicate_score, embedding_model) VALUES ('"
        + id + "', 'alert', 'web', 'sev3', 'High latency on web', now(), '" + status + "', '"
        + (sourceKey == null ? "demo" : "alertmanager") + "', 'fp-" + id + "', " + occurrences + ", now(), now(), "
        + (sourceKey == null ? "NULL" : "'" + sourceKey + "'") + ", " + (duplicateOf == null ? "NULL" : "'" + duplicateOf + "'")
        + ", " + (duplicateOf == null ? "NULL" : "0.91") + ", 'all-minilm-l6-v2-q');";
  }

  @Test
  void duplicatesBecomeRelatedOrMergedAndStatusesAreTheSeedsAgain() {
    String url = TestPostgres.newDatabase();
    flyway(url, "21").migrate();
    TestPostgres.execute(url, insert("wi_am1", "open", "fp-web-1", null, 2)
        + insert("wi_am2", "duplicate", "fp-web-2", "wi_am1", 1)
        + insert("wi_d1", "open", null, null, 2)
        + insert("wi_d2", "duplicate", null, "wi_d1", 1)
        + insert("wi_r1", "resolved", null, null, 2)
        + insert("wi_r2", "duplicate", null, "wi_r1", 1));
    flyway(url, "latest").migrate();

    assertThat(text(url, "SELECT count(*)::text FROM work_items WHERE status NOT IN ('open', 'assigned', 'resolved')"))
        .isEqualTo("0");
    // The Alertmanager pair: both open, related, neither merged, the target's count corrected.
    assertThat(text(url, "SELECT status || '|' || coalesce(merged_into, '-') FROM work_items WHERE id = 'wi_am2'")).isEqualTo("open|-");
    assertThat(text(url, "SELECT occurrence_count::text FROM work_items WHERE id = 'wi_am1'")).isEqualTo("1");
    assertThat(text(url, "SELECT item_a || '|' || item_b FROM work_item_relations")).isEqualTo("wi_am1|wi_am2");
    // The demo pair stays merged, with the merge explained.
    assertThat(text(url, "SELECT status || '|' || merged_into FROM work_items WHERE id = 'wi_d2'")).isEqualTo("open|wi_d1");
    assertThat(text(url, "SELECT kind || '|' || target_id || '|' || state || '|' || score FROM work_item_merges WHERE work_item_id = 'wi_d2'"))
        .isEqualTo("semantic|wi_d1|merged|0.91");
    // Merged into a resolved item: live on its own.
    assertThat(text(url, "SELECT status || '|' || coalesce(merged_into, '-') FROM work_items WHERE id = 'wi_r2'")).isEqualTo("open|-");
    assertThat(text(url, "SELECT state FROM work_item_merges WHERE work_item_id = 'wi_r2'")).isEqualTo("released");
  }

  private static String text(String url, String sql) {
    return TestPostgres.query(url, sql, r -> r.next() ? r.getString(1) : null);
  }
}
