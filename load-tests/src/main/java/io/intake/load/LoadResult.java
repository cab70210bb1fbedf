package io.intake.load;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one run of a scenario measured: answers by status, units done, wall time and a latency
 * histogram (microseconds; in open-loop runs measured from each request's scheduled send time, so
 * a stalled server is not hidden by the generator waiting for it).
 */
public final class LoadResult {

  /** Status key for requests that got no HTTP answer (connection refused, reset, timeout). */
  public static final int NO_ANSWER = 0;

  private final String scenario;
  private final String unit;
  private final Histogram latencies = new Histogram(60_000_000L, 3);
  private final Map<Integer, Long> statuses = new TreeMap<>();
  private long units;
  private long elapsedNanos;

  public LoadResult(String scenario, String unit) {
    this.scenario = scenario;
    this.unit = unit;
  }

  void record(int status, boolean ok, int unitsDone, long latencyNanos) {
    statuses.merge(status, 1L, Long::sum);
    if (ok) {
      units += unitsDone;
    }
    latencies.recordValue(Math.max(1, Math.min(latencies.getHighestTrackableValue(), latencyNanos / 1000)));
  }

  void elapsed(long nanos) {
    elapsedNanos = nanos;
  }

  /** Folds another generator's share of the same run into this one (wall time: the longer). */
  void merge(LoadResult other) {
    latencies.add(other.latencies);
    other.statuses.forEach((s, n) -> statuses.merge(s, n, Long::sum));
    units += other.units;
    elapsedNanos = Math.max(elapsedNanos, other.elapsedNanos);
  }

  public String scenario() {
    return scenario;
  }

  public String unit() {
    return unit;
  }

  public long requests() {
    return latencies.getTotalCount();
  }

  public long units() {
    return units;
  }

  public double seconds() {
    return elapsedNanos / 1e9;
  }

  /** Units per second over the whole run. */
  public double throughput() {
    return elapsedNanos == 0 ? 0 : units / seconds();
  }

  public double requestRate() {
    return elapsedNanos == 0 ? 0 : requests() / seconds();
  }

  /** Latency at the percentile (0–100), milliseconds. */
  public double percentileMs(double percentile) {
    return latencies.getValueAtPercentile(percentile) / 1000.0;
  }

  public double maxMs() {
    return latencies.getMaxValue() / 1000.0;
  }

  public Map<Integer, Long> statuses() {
    return Map.copyOf(statuses);
  }

  /** Requests answered with something other than the scenario's success statuses. */
  public long failures(java.util.function.IntPredicate ok) {
    return statuses.entrySet().stream().filter(e -> !ok.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
  }

  public String summary() {
    return String.format(Locale.ROOT,
        "%s: %,d requests in %.1f s, %,.0f %s/s (%,.0f req/s); latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f ms; statuses %s",
        scenario, requests(), seconds(), throughput(), unit, requestRate(), percentileMs(50), percentileMs(95),
        percentileMs(99), maxMs(), statuses);
  }
}
