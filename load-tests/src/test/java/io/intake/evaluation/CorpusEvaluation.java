package io.intake.evaluation;

import io.intake.evaluation.LoghubEvaluation.Result;
import io.intake.patterns.MinerSettings;
import io.intake.patterns.PatternSnapshot;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The accuracy report over the variety corpus ({@link VarietyCorpus}) and the four loghub samples:
 * GA, online GA (the id a line got when it was mined) and corrected PA per format, then the
 * interleaved stream of every format and sample as one input, for the current miner and for the
 * earlier miner (per-line header split, {@link io.intake.evaluation.baseline.PatternMiner}) side by side.
 *
 * <p>Run from {@code load-tests/}: {@code mvn -o -q test-compile && java -cp target/classes:target/test-classes:$(cat cp.txt)
 * io.intake.evaluation.CorpusEvaluation} (cp.txt from {@code mvn -o dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 */
final class CorpusEvaluation {

  static final int LINES_PER_FORMAT = 2000;
  static final long SEED = 18;
  static final List<String> LOGHUB = List.of("HDFS", "Linux", "OpenSSH", "Zookeeper");

  /** Raw lines with their truth. */
  public record Dataset(String name, List<String> raw, List<String> events, List<String> templates) {
  }

  private CorpusEvaluation() {
  }

  public static void main(String[] args) throws Exception {
    boolean baseline = args.length == 0 || !args[0].equals("--current-only");
    List<Dataset> sets = new ArrayList<>(corpus());
    sets.addAll(loghub());
    Dataset mixed = interleave(sets, SEED);
    System.out.println("== current miner");
    List<Result> now = run(sets);
    LoghubEvaluation.print(now, System.out);
    LoghubEvaluation.print(List.of(score(mixed)), System.out);
    if (baseline) {
      System.out.println("== pre-issue-18 miner (baseline)");
      List<Result> before = new ArrayList<>();
      for (Dataset d : sets) {
        before.add(scoreBaseline(d));
      }
      LoghubEvaluation.print(before, System.out);
      LoghubEvaluation.print(List.of(scoreBaseline(mixed)), System.out);
    }
  }

  /**
   * Each set mined by a fresh miner with the default settings, on a clock that moves
   * {@link LoghubEvaluation#MICROS_PER_LINE} per line (the figures do not depend on how fast the
   * machine mines).
   */
  static List<Result> run(List<Dataset> sets) {
    List<Result> out = new ArrayList<>();
    for (Dataset d : sets) {
      out.add(score(d));
    }
    return out;
  }

  static Result score(Dataset d) {
    return LoghubEvaluation.evaluate(d.name(), d.raw(), d.events(), d.templates(), MinerSettings.DEFAULTS,
        Long.getLong("intake.eval.micros-per-line", LoghubEvaluation.MICROS_PER_LINE));
  }

  static Result scoreBaseline(Dataset d) {
    io.intake.evaluation.baseline.PatternMiner miner = new io.intake.evaluation.baseline.PatternMiner();
    long[] mined = new long[d.raw().size()];
    for (int i = 0; i < mined.length; i++) {
      mined[i] = miner.mine(d.raw().get(i)).patternId();
    }
    Map<Long, String> templateOf = new HashMap<>();
    for (PatternSnapshot p : miner.patterns()) {
      templateOf.put(p.id(), p.template());
    }
    List<Long> asMined = new ArrayList<>();
    List<Long> settled = new ArrayList<>();
    List<String> predicted = new ArrayList<>();
    for (long id : mined) {
      asMined.add(id);
      settled.add(miner.canonicalId(id));
      predicted.add(templateOf.getOrDefault(miner.canonicalId(id), ""));
    }
    return new Result(d.name(), mined.length, GroupingAccuracy.of(settled, d.events()),
        GroupingAccuracy.of(asMined, d.events()), ParsingAccuracy.of(predicted, d.templates()),
        (int) d.events().stream().distinct().count(), miner.size());
  }

  static List<Dataset> corpus() {
    List<Dataset> out = new ArrayList<>();
    for (String f : VarietyCorpus.formats()) {
      out.add(corpus(f));
    }
    return out;
  }

  static Dataset corpus(String format) {
    List<String> raw = new ArrayList<>();
    List<String> events = new ArrayList<>();
    List<String> templates = new ArrayList<>();
    for (VarietyCorpus.Line l : VarietyCorpus.generate(format, LINES_PER_FORMAT, SEED)) {
      raw.add(l.raw());
      events.add(l.event());
      templates.add(l.template());
    }
    return new Dataset(format, raw, events, templates);
  }

  static List<Dataset> loghub() throws IOException, URISyntaxException {
    List<Dataset> out = new ArrayList<>();
    for (String name : LOGHUB) {
      Path raw = resource("/loghub/" + name + "/" + name + "_2k.log");
      List<String> lines = java.nio.file.Files.readAllLines(raw);
      List<String> events = new ArrayList<>();
      List<String> templates = new ArrayList<>();
      for (Map<String, String> row : StructuredCsv.read(Path.of(raw + "_structured.csv"), "EventId", "EventTemplate")) {
        events.add(name + "#" + row.get("EventId"));
        templates.add(row.get("EventTemplate"));
      }
      out.add(new Dataset(name, lines, events, templates));
    }
    return out;
  }

  /** Every dataset's lines in one stream, each set keeping its own order, drawn at random. */
  static Dataset interleave(List<Dataset> sets, long seed) {
    Random r = new Random(seed);
    List<Integer> order = new ArrayList<>();
    for (int s = 0; s < sets.size(); s++) {
      order.addAll(Collections.nCopies(sets.get(s).raw().size(), s));
    }
    Collections.shuffle(order, r);
    int[] next = new int[sets.size()];
    List<String> raw = new ArrayList<>();
    List<String> events = new ArrayList<>();
    List<String> templates = new ArrayList<>();
    for (int s : order) {
      Dataset d = sets.get(s);
      int i = next[s]++;
      raw.add(d.raw().get(i));
      events.add(d.name() + "/" + d.events().get(i));
      templates.add(d.templates().get(i));
    }
    return new Dataset(String.format(Locale.ROOT, "interleaved(%d)", sets.size()), raw, events, templates);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(CorpusEvaluation.class.getResource(name).toURI());
  }
}
