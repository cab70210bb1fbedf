package io.intake.load;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Rows of the performance report, printed as Markdown. */
final class Report {

  private final List<String> baselines = new ArrayList<>();
  private final List<String> rows = new ArrayList<>();
  private final List<String> memory = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  void baseline(String what, double value, String unit) {
    baselines.add(String.format(Locale.ROOT, "| %s | %,.0f %s |", what, value, unit));
  }

  /**
   * @param value      the scenario's figure (end to end where it has one)
   * @param goal       the goal in the same unit (0: none); {@code goalIsRatio}: the goal is a ratio to the baseline
   */
  void row(String scenario, LoadResult run, double value, String unit, double baseline, String baselineName,
      double goal, boolean goalIsRatio) {
    double ratio = baseline == 0 ? 0 : value / baseline;
    String goalText = goal == 0 ? "—" : goalIsRatio ? String.format(Locale.ROOT, "≥ %.2f × baseline", goal)
        : String.format(Locale.ROOT, "≥ %,.0f %s", goal, unit);
    String met = goal == 0 ? "—" : (goalIsRatio ? ratio >= goal : value >= goal) ? "**met**" : "**missed**";
    rows.add(String.format(Locale.ROOT, "| %s | %,.0f %s | %,d | %.1f / %.1f / %.1f ms | %,.0f %s (%s) | %.2f | %s | %s | %s |",
        scenario, value, unit, run.requests(), run.percentileMs(50), run.percentileMs(95), run.percentileMs(99),
        baseline, unit, baselineName, ratio, goalText, met, failures(run)));
  }

  /** A rate with no requests of its own (measured from the service's counters), against a same-run baseline. */
  void rateRow(String scenario, double value, String unit, double baseline, String baselineName, double goalRatio) {
    double ratio = baseline == 0 ? 0 : value / baseline;
    rows.add(String.format(Locale.ROOT, "| %s | %,.0f %s | — | — | %,.0f %s (%s) | %.2f | ≥ %.2f × baseline | %s | — |",
        scenario, value, unit, baseline, unit, baselineName, ratio, goalRatio, ratio >= goalRatio ? "**met**" : "**missed**"));
  }

  void latencyRow(String scenario, LoadResult run, LoadResult bare, double goalP99Ms) {
    double p99 = run.percentileMs(99);
    rows.add(String.format(Locale.ROOT, "| %s | %,.0f req/s | %,d | %.1f / %.1f / %.1f ms | p99 %.2f ms (bare endpoint, same rate) | %.1f × | p99 ≤ %.0f ms | %s | %s |",
        scenario, run.requestRate(), run.requests(), run.percentileMs(50), run.percentileMs(95), p99,
        bare.percentileMs(99), p99 / Math.max(0.001, bare.percentileMs(99)), goalP99Ms,
        p99 <= goalP99Ms ? "**met**" : "**missed**", failures(run)));
  }

  void memory(String point, long items, long[] heapAndRss) {
    memory.add(String.format(Locale.ROOT, "| %s | %,d | %,.0f MB | %s |", point, items, heapAndRss[0] / 1048576.0,
        heapAndRss[1] < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f MB", heapAndRss[1] / 1048576.0)));
  }

  void note(String text) {
    notes.add("- " + text);
  }

  private static String failures(LoadResult run) {
    long bad = run.failures(s -> s >= 200 && s < 300);
    return bad == 0 ? "0" : String.format(Locale.ROOT, "%,d %s", bad, run.statuses());
  }

  String markdown(String command) {
    StringBuilder md = new StringBuilder();
    md.append("# Load test results\n\n");
    md.append("Date: ").append(LocalDate.now()).append("  \n");
    md.append("Machine: ").append(machine()).append("  \n");
    md.append("Command: `").append(command).append("`\n\n");
    md.append("Intake, its embedded PostgreSQL and the load generator share the machine. Latencies are\n")
        .append("per request (open-loop runs: from the scheduled send time). Ratios compare with baselines\n")
        .append("measured in the same run.\n\n");
    md.append("## Baselines\n\n| baseline | figure |\n|---|---|\n");
    baselines.forEach(b -> md.append(b).append('\n'));
    md.append("\n## Scenarios\n\n")
        .append("| scenario | throughput | requests | p50 / p95 / p99 | baseline | ratio | goal | result | failed requests |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    rows.forEach(r -> md.append(r).append('\n'));
    md.append("\n## Memory (Intake's own JVM, read from outside: heap after a full GC through jcmd, RSS; generator and PostgreSQL are separate processes)\n\n")
        .append("| point | work items stored | heap in use after GC | RSS |\n|---|---|---|---|\n");
    memory.forEach(m -> md.append(m).append('\n'));
    if (!notes.isEmpty()) {
      md.append("\n## Checks\n\n");
      notes.forEach(n -> md.append(n).append('\n'));
    }
    return md.toString();
  }

  private static String machine() {
    String cpu = "unknown CPU";
    long memKb = 0;
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
      memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
          .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
    } catch (Exception ignored) {
      // not Linux
    }
    return String.format(Locale.ROOT, "%d cores (%s), %.0f GiB RAM, %s %s, Java %s, max heap %,d MB",
        Runtime.getRuntime().availableProcessors(), cpu, memKb / 1048576.0, System.getProperty("os.name"),
        System.getProperty("os.version"), System.getProperty("java.version"),
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / 1048576);
  }
}
