package io.intake.evaluation;

import io.intake.patterns.MinerSettings;
import io.intake.patterns.PatternMiner;
import io.intake.patterns.PatternSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Grouping accuracy of {@link PatternMiner} on loghub-style datasets: a folder holding
 * {@code X.log} (raw lines) and {@code X.log_structured.csv} (columns {@code LineId} and
 * {@code EventId}, the true event of each line). Raw lines are fed as they are, headers included,
 * to one miner per dataset with the default settings.
 *
 * <p>Run: {@code java -jar load-tests/target/intake-load.jar loghub-eval [DIR]} — every sub-folder
 * of DIR that holds such a pair is a dataset; without DIR, the four samples packed in the jar.
 * Uses the miner only through its public API.
 */
public final class LoghubEvaluation {

  /**
   * @param accuracy    grouping accuracy with each line's pattern as it stands at the end (ids
   *                    retired by a merge count as the pattern they joined)
   * @param asMined     grouping accuracy with the id each line got when it was mined
   * @param parsing     parsing accuracy (corrected templates, see {@link ParsingAccuracy}) with each
   *                    line's pattern template as it stands at the end; NaN when no true templates
   * @param truthEvents distinct true events
   * @param patterns    live patterns at the end
   */
  public record Result(String dataset, int lines, double accuracy, double asMined, double parsing, int truthEvents,
      int patterns) {
  }

  private LoghubEvaluation() {
  }

  /** The loghub samples packed with this module, in place or inside the jar. */
  public static List<Result> evaluatePacked(MinerSettings settings) throws IOException {
    return PackedSamples.read(root -> evaluateAll(root, settings));
  }

  /** Every dataset under {@code root} (itself or its sub-folders), by folder name. */
  public static List<Result> evaluateAll(Path root, MinerSettings settings) throws IOException {
    List<Path> folders = new ArrayList<>();
    try (Stream<Path> children = Files.list(root)) {
      children.filter(Files::isDirectory).sorted().forEach(folders::add);
    }
    if (folders.isEmpty()) {
      folders.add(root);
    }
    List<Result> results = new ArrayList<>();
    for (Path folder : folders) {
      Path raw = rawLog(folder);
      if (raw != null) {
        results.add(evaluate(folder.getFileName().toString().replace("/", ""), raw,
            raw.resolveSibling(raw.getFileName() + "_structured.csv"), settings));
      }
    }
    return results;
  }

  public static Result evaluate(String name, Path rawLog, Path structuredCsv, MinerSettings settings)
      throws IOException {
    List<String> lines = Files.readAllLines(rawLog, StandardCharsets.UTF_8);
    Map<Integer, String[]> truthByLine = truth(structuredCsv);
    List<String> raw = new ArrayList<>(lines.size());
    List<String> events = new ArrayList<>(lines.size());
    List<String> templates = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String[] t = truthByLine.get(i + 1);
      if (t == null) {
        continue; // a line the ground truth does not label
      }
      raw.add(lines.get(i));
      events.add(t[0]);
      templates.add(t[1]);
    }
    return evaluate(name, raw, events, templates, settings);
  }

  /**
   * How far the miner's clock moves per line: the evaluation takes every stream to arrive at 1,000
   * lines per second, so the hold time ({@link MinerSettings#holdMillis()}, 2 s) bounds how long a
   * line may be held back, as in the service; the line count bound holds as well.
   */
  public static final long MICROS_PER_LINE = 1_000;

  /** A clock that moves only when the evaluation feeds the next line. */
  public static final class LineClock extends Clock {
    private final long micros;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    public LineClock(long microsPerLine) {
      this.micros = microsPerLine;
    }

    void tick() {
      now = now.plusNanos(micros * 1_000);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Mines the raw lines with a fresh miner of these settings, its clock moving {@link #MICROS_PER_LINE} per line. */
  public static Result evaluate(String name, List<String> raw, List<String> events, List<String> templates,
      MinerSettings settings) {
    return evaluate(name, raw, events, templates, settings, MICROS_PER_LINE);
  }

  public static Result evaluate(String name, List<String> raw, List<String> events, List<String> templates,
      MinerSettings settings, long microsPerLine) {
    LineClock clock = new LineClock(microsPerLine);
    return evaluate(name, raw, events, templates, new PatternMiner(settings, clock), clock);
  }

  /**
   * Mines the raw lines in order with the given miner and scores it against each line's true
   * event and true template (a null template list skips parsing accuracy).
   */
  public static Result evaluate(String name, List<String> raw, List<String> events, List<String> templates,
      PatternMiner miner) {
    return evaluate(name, raw, events, templates, miner, null);
  }

  /** As above; {@code clock}, the miner's, moves once per line (null: the miner keeps its own clock). */
  public static Result evaluate(String name, List<String> raw, List<String> events, List<String> templates,
      PatternMiner miner, LineClock clock) {
    // The id each line is reported with, as the service reports it: a line held back (its header
    // layout not learned yet, or its new pattern not yet told apart from a near twin) is reported
    // when released.
    long[] mined = new long[raw.size()];
    for (int i = 0; i < raw.size(); i++) {
      if (clock != null) {
        clock.tick();
      }
      for (PatternMiner.Released r : miner.offer(raw.get(i), null)) {
        mined[(int) r.sequence()] = r.result().patternId();
      }
    }
    for (PatternMiner.Released r : miner.releaseAll()) {
      mined[(int) r.sequence()] = r.result().patternId();
    }
    List<Long> asMined = new ArrayList<>(mined.length);
    List<Long> settled = new ArrayList<>(mined.length);
    Map<Long, String> templateOf = new HashMap<>();
    for (PatternSnapshot p : miner.patterns()) {
      templateOf.put(p.id(), p.template());
    }
    List<String> predicted = new ArrayList<>(mined.length);
    for (long id : mined) {
      asMined.add(id);
      long now = miner.canonicalId(id);
      settled.add(now);
      predicted.add(templateOf.getOrDefault(now, ""));
    }
    double pa = templates == null ? Double.NaN : ParsingAccuracy.of(predicted, templates);
    return new Result(name, mined.length, GroupingAccuracy.of(settled, events), GroupingAccuracy.of(asMined, events),
        pa, (int) events.stream().distinct().count(), miner.size());
  }

  public static void print(List<Result> results, PrintStream out) {
    out.println("dataset              lines  events  patterns  GA      GA(online)  PA(corrected)");
    double sum = 0;
    double online = 0;
    double pa = 0;
    for (Result r : results) {
      out.printf(Locale.ROOT, "%-19s %6d %7d %9d  %.4f  %.4f      %.4f%n", r.dataset(), r.lines(), r.truthEvents(),
          r.patterns(), r.accuracy(), r.asMined(), r.parsing());
      sum += r.accuracy();
      online += r.asMined();
      pa += r.parsing();
    }
    if (!results.isEmpty()) {
      int n = results.size();
      out.printf(Locale.ROOT, "mean GA %.4f  GA(online) %.4f  PA(corrected) %.4f%n", sum / n, online / n, pa / n);
    }
  }

  private static Path rawLog(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".log"))
          .filter(f -> Files.exists(f.resolveSibling(f.getFileName() + "_structured.csv")))
          .sorted()
          .findFirst()
          .orElse(null);
    }
  }

  /** LineId → {EventId, EventTemplate (null when the file has none)}. */
  private static Map<Integer, String[]> truth(Path structuredCsv) throws IOException {
    Map<Integer, String[]> truth = new HashMap<>();
    for (Map<String, String> row : StructuredCsv.read(structuredCsv, "LineId", "EventId")) {
      truth.put(Integer.parseInt(row.get("LineId").strip()), new String[] {row.get("EventId").strip(), row.get("EventTemplate")});
    }
    return truth;
  }
}
