package io.intake.patterns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
 * bytes per line. Touches neither Vert.x nor the logging system.
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
    PatternMiner miner = new PatternMiner(MinerSettings.DEFAULTS.withMaxPatterns(maxPatterns));
    int[] ids = new int[1024];
    int lines = 0;
    // InputStreamReader replaces malformed bytes instead of failing on them.
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (lines == ids.length) {
          ids = Arrays.copyOf(ids, ids.length * 2);
        }
        ids[lines++] = Math.toIntExact(miner.mine(line).patternId());
      }
    } catch (IOException e) {
      err.println("intake patterns: cannot read " + file + ": " + e.getMessage());
      err.flush();
      return UNREADABLE;
    }
    PrintWriter out = spec.commandLine().getOut();
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
}
