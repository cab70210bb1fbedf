package io.intake.patterns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code intake patterns FILE}: mines the file's lines and prints {@code line,pattern_id,template}
 * as CSV (RFC 4180, CRLF), one row per input line, and nothing else on standard output. Rows carry
 * each line's pattern as it stands after the whole file (an id retired by a merge is shown as the
 * pattern it joined), so the file is mined first and the rows written after: memory grows by four
 * bytes per line. {@code --format json} prints the pattern table instead. Headers are learned
 * from the file itself (one stream). Touches neither Vert.x nor the logging system.
 */
@Command(name = "patterns",
    description = "Mine log patterns from FILE; print line,pattern_id,template as CSV, one row per line.")
public final class PatternsCommand implements Callable<Integer> {

  /** Exit code when the file cannot be read. */
  public static final int UNREADABLE = 2;

  @Parameters(index = "0", paramLabel = "FILE", description = "Log file, one entry per line (UTF-8).")
  Path file;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  /** Output formats. */
  enum Format { csv, json }

  @Option(names = "--format", description = "csv (default): line,pattern_id,template per line; json: the pattern table "
      + "(id, template, count, first/last seen, levels, examples), most frequent first.")
  Format format = Format.csv;

  @Option(names = "--max-patterns", description = "Patterns kept before the least recently seen is evicted (default: ${DEFAULT-VALUE}).")
  int maxPatterns = MinerSettings.DEFAULTS.maxPatterns();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      err.println("intake patterns: cannot read " + file);
      err.flush();
      return UNREADABLE;
    }
    // A file is read in one go: lines are held back by count alone, so the output does not depend on speed.
    PatternMiner miner = new PatternMiner(MinerSettings.DEFAULTS.withMaxPatterns(maxPatterns)
        .withHold(MinerSettings.DEFAULTS.holdLines(), Long.MAX_VALUE));
    long[] ids = new long[1024];
    int lines = 0;
    // InputStreamReader replaces malformed bytes instead of failing on them.
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (lines == ids.length) {
          ids = Arrays.copyOf(ids, ids.length * 2);
        }
        lines++;
        // Lines read before the file's header layout is learned come back once it is.
        for (PatternMiner.Released r : miner.offer(line, null)) {
          ids[(int) r.sequence()] = r.result().patternId();
        }
      }
      for (PatternMiner.Released r : miner.releaseAll()) {
        ids[(int) r.sequence()] = r.result().patternId();
      }
    } catch (IOException e) {
      err.println("intake patterns: cannot read " + file + ": " + e.getMessage());
      err.flush();
      return UNREADABLE;
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      try {
        writeJson(miner, lines, out);
      } catch (IOException e) {
        err.println("intake patterns: cannot write: " + e.getMessage());
        err.flush();
        return UNREADABLE;
      }
      return 0;
    }
    Map<Long, String> templates = new HashMap<>();
    for (PatternSnapshot p : miner.patterns()) {
      templates.put(p.id(), Csv.field(p.template()));
    }
    out.print("line,pattern_id,template\r\n");
    StringBuilder row = new StringBuilder(256);
    for (int i = 0; i < lines; i++) {
      long id = miner.canonicalId(ids[i]);
      row.setLength(0);
      row.append(i + 1).append(',').append(id).append(',').append(templates.getOrDefault(id, "")).append("\r\n");
      out.print(row);
    }
    out.flush();
    return 0;
  }

  /** {@code {"lines": n, "patterns": [{id, template, count, first_seen, last_seen, levels, examples}]}}. */
  private static void writeJson(PatternMiner miner, int lines, PrintWriter out) throws IOException {
    List<PatternSnapshot> patterns = new ArrayList<>(miner.patterns());
    patterns.sort(Comparator.comparingLong(PatternSnapshot::count).reversed().thenComparingLong(PatternSnapshot::id));
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeNumberField("lines", lines);
      g.writeArrayFieldStart("patterns");
      for (PatternSnapshot p : patterns) {
        g.writeStartObject();
        g.writeNumberField("id", p.id());
        g.writeStringField("template", p.template());
        g.writeNumberField("count", p.count());
        g.writeStringField("first_seen", p.firstSeen() == null ? null : p.firstSeen().toString());
        g.writeStringField("last_seen", p.lastSeen() == null ? null : p.lastSeen().toString());
        g.writeObjectFieldStart("levels");
        for (Map.Entry<String, Long> e : p.levels().entrySet()) {
          g.writeNumberField(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("examples");
        for (String e : p.examples()) {
          g.writeString(e);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.print("\n");
    out.flush();
  }
}
