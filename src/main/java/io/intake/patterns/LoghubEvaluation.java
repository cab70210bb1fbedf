package io.intake.patterns;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>Run: {@code java -cp target/intake.jar io.intake.patterns.LoghubEvaluation src/test/resources/loghub}
 * — every sub-folder that holds such a pair is a dataset.
 */
public final class LoghubEvaluation {

  /**
   * @param accuracy    grouping accuracy with each line's pattern as it stands at the end (ids
   *                    retired by a merge count as the pattern they joined)
   * @param asMined     grouping accuracy with the id each line got when it was mined
   * @param truthEvents distinct true events
   * @param patterns    live patterns at the end
   */
  public record Result(String dataset, int lines, double accuracy, double asMined, int truthEvents, int patterns) {
  }

  private LoghubEvaluation() {
  }

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/loghub");
    List<Result> results = evaluateAll(root, MinerSettings.DEFAULTS);
    print(results, System.out);
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
        results.add(evaluate(folder.getFileName().toString(), raw, Path.of(raw + "_structured.csv"), settings));
      }
    }
    return results;
  }

  public static Result evaluate(String name, Path rawLog, Path structuredCsv, MinerSettings settings)
      throws IOException {
    List<String> lines = Files.readAllLines(rawLog, StandardCharsets.UTF_8);
    Map<Integer, String> truthByLine = truth(structuredCsv);
    PatternMiner miner = new PatternMiner(settings);
    List<Long> mined = new ArrayList<>(lines.size());
    List<String> truth = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String event = truthByLine.get(i + 1);
      if (event == null) {
        continue; // a line the ground truth does not label
      }
      mined.add(miner.mine(lines.get(i)).patternId());
      truth.add(event);
    }
    List<Long> settled = new ArrayList<>(mined.size());
    for (long id : mined) {
      settled.add(miner.canonicalId(id));
    }
    return new Result(name, mined.size(), GroupingAccuracy.of(settled, truth), GroupingAccuracy.of(mined, truth),
        (int) truth.stream().distinct().count(), miner.size());
  }

  public static void print(List<Result> results, PrintStream out) {
    out.println("dataset        lines  events  patterns  GA      GA(as mined)");
    double sum = 0;
    for (Result r : results) {
      out.printf(Locale.ROOT, "%-13s %6d %7d %9d  %.4f  %.4f%n", r.dataset(), r.lines(), r.truthEvents(), r.patterns(),
          r.accuracy(), r.asMined());
      sum += r.accuracy();
    }
    if (!results.isEmpty()) {
      out.printf(Locale.ROOT, "mean GA %.4f%n", sum / results.size());
    }
  }

  private static Path rawLog(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".log"))
          .filter(f -> Files.exists(Path.of(f + "_structured.csv")))
          .sorted()
          .findFirst()
          .orElse(null);
    }
  }

  private static Map<Integer, String> truth(Path structuredCsv) throws IOException {
    List<String> rows = Files.readAllLines(structuredCsv, StandardCharsets.UTF_8);
    List<String> header = Csv.parse(rows.get(0));
    int lineColumn = header.indexOf("LineId");
    int eventColumn = header.indexOf("EventId");
    if (lineColumn < 0 || eventColumn < 0) {
      throw new IOException(structuredCsv + " has no LineId/EventId columns");
    }
    Map<Integer, String> truth = new HashMap<>();
    for (int r = 1; r < rows.size(); r++) {
      if (rows.get(r).isEmpty()) {
        continue;
      }
      List<String> fields = Csv.parse(rows.get(r));
      truth.put(Integer.parseInt(fields.get(lineColumn).strip()), fields.get(eventColumn).strip());
    }
    return truth;
  }
}
