package io.intake.persistence;

import io.intake.persistence.api.FreshBatches;
import io.intake.persistence.api.LogBatch;
import io.intake.persistence.api.LogRecord;
import io.intake.persistence.api.MetricBatch;
import io.intake.persistence.api.MetricPoint;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Log events and metric points: one multi-row INSERT (unnest of arrays) per request; batches read
 * from Kafka carry their id and are written at most once per (batch, position).
 */
final class LogRepository {

  private static final String INSERT_LOGS = """
      INSERT INTO log_events (occurred_at, service, level, message, host, endpoint, request_id, env, action,
        error_code, attributes)
      SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
        $7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[])""";

  private static final String INSERT_METRICS = """
      INSERT INTO metric_points (occurred_at, name, value, metric_type, service, host, tags)
      SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::float8[], $4::text[], $5::text[], $6::text[], $7::jsonb[])""";

  // The CTE answers per fresh batch, not per row: a poll of 50,000 lines returns a few hundred rows.
  private static final String INSERT_LOG_BATCHES = """
      WITH fresh AS (
        INSERT INTO log_events (occurred_at, service, level, message, host, endpoint, request_id, env, action,
          error_code, attributes, batch_id, batch_seq)
        SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
          $7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::uuid[], $13::int[])
        ON CONFLICT (batch_id, batch_seq) WHERE batch_id IS NOT NULL DO NOTHING
        RETURNING batch_id)
      SELECT batch_id::text, count(*) FROM fresh GROUP BY batch_id""";

  private static final String INSERT_METRIC_BATCHES = """
      WITH fresh AS (
        INSERT INTO metric_points (occurred_at, name, value, metric_type, service, host, tags, batch_id, batch_seq)
        SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::float8[], $4::text[], $5::text[], $6::text[],
          $7::jsonb[], $8::uuid[], $9::int[])
        ON CONFLICT (batch_id, batch_seq) WHERE batch_id IS NOT NULL DO NOTHING
        RETURNING batch_id)
      SELECT batch_id::text, count(*) FROM fresh GROUP BY batch_id""";

  private final Pool pool;

  LogRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Integer> storeLogs(List<LogRecord> records) {
    return pool.preparedQuery(INSERT_LOGS).execute(logParams(records)).map(rows -> rows.rowCount());
  }

  Future<FreshBatches> storeLogBatches(List<LogBatch> batches) {
    List<LogRecord> records = new ArrayList<>();
    List<UUID> ids = new ArrayList<>();
    List<Integer> seqs = new ArrayList<>();
    for (LogBatch b : batches) {
      UUID id = UUID.fromString(b.batchId());
      for (int i = 0; i < b.records().size(); i++) {
        records.add(b.records().get(i));
        ids.add(id);
        seqs.add(i);
      }
    }
    Tuple params = logParams(records).addArrayOfUUID(ids.toArray(UUID[]::new))
        .addArrayOfInteger(seqs.toArray(Integer[]::new));
    return pool.preparedQuery(INSERT_LOG_BATCHES).execute(params).map(LogRepository::fresh);
  }

  Future<FreshBatches> storeMetricBatches(List<MetricBatch> batches) {
    List<MetricPoint> points = new ArrayList<>();
    List<UUID> ids = new ArrayList<>();
    List<Integer> seqs = new ArrayList<>();
    for (MetricBatch b : batches) {
      UUID id = UUID.fromString(b.batchId());
      for (int i = 0; i < b.points().size(); i++) {
        points.add(b.points().get(i));
        ids.add(id);
        seqs.add(i);
      }
    }
    Tuple params = metricParams(points).addArrayOfUUID(ids.toArray(UUID[]::new))
        .addArrayOfInteger(seqs.toArray(Integer[]::new));
    return pool.preparedQuery(INSERT_METRIC_BATCHES).execute(params).map(LogRepository::fresh);
  }

  private static FreshBatches fresh(RowSet<Row> rows) {
    List<String> ids = new ArrayList<>();
    int stored = 0;
    for (Row row : rows) {
      ids.add(row.getString(0));
      stored += row.getLong(1).intValue();
    }
    return new FreshBatches(ids, stored);
  }

  private static Tuple logParams(List<LogRecord> records) {
    int n = records.size();
    OffsetDateTime[] at = new OffsetDateTime[n];
    String[][] text = new String[9][n];
    JsonObject[] attributes = new JsonObject[n];
    for (int i = 0; i < n; i++) {
      LogRecord r = records.get(i);
      at[i] = utc(r.occurredAt());
      text[0][i] = r.service();
      text[1][i] = r.level();
      text[2][i] = r.message();
      text[3][i] = r.host();
      text[4][i] = r.endpoint();
      text[5][i] = r.requestId();
      text[6][i] = r.env();
      text[7][i] = r.action();
      text[8][i] = r.errorCode();
      attributes[i] = r.attributes();
    }
    Tuple params = Tuple.tuple().addArrayOfOffsetDateTime(at);
    for (String[] column : text) {
      params.addArrayOfString(column);
    }
    params.addArrayOfJsonObject(attributes);
    return params;
  }

  Future<Integer> storeMetrics(List<MetricPoint> points) {
    return pool.preparedQuery(INSERT_METRICS).execute(metricParams(points)).map(rows -> rows.rowCount());
  }

  private static Tuple metricParams(List<MetricPoint> points) {
    int n = points.size();
    OffsetDateTime[] at = new OffsetDateTime[n];
    String[] names = new String[n];
    Double[] values = new Double[n];
    String[] types = new String[n];
    String[] services = new String[n];
    String[] hosts = new String[n];
    JsonObject[] tags = new JsonObject[n];
    for (int i = 0; i < n; i++) {
      MetricPoint p = points.get(i);
      at[i] = utc(p.occurredAt());
      names[i] = p.name();
      values[i] = p.value();
      types[i] = p.metricType();
      services[i] = p.service();
      hosts[i] = p.host();
      tags[i] = p.tags();
    }
    return Tuple.tuple().addArrayOfOffsetDateTime(at).addArrayOfString(names).addArrayOfDouble(values)
        .addArrayOfString(types).addArrayOfString(services).addArrayOfString(hosts).addArrayOfJsonObject(tags);
  }

  private static OffsetDateTime utc(Instant at) {
    return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
