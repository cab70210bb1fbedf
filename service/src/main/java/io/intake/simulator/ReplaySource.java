package io.intake.simulator;

import io.intake.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays a real log file at {@code linesPerTick}, looping. A line whose header level (the first
 * level word in it) is ERROR, FATAL, CRITICAL or SEVERE is an error; FATAL/CRITICAL are sev1.
 */
public final class ReplaySource implements SimulatedSource {

  private static final Pattern LEVEL = Pattern.compile(
      "\\b(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL|CRITICAL|SEVERE|CRIT|EMERG|ALERT)\\b",
      Pattern.CASE_INSENSITIVE);

  private final String service;
  private final List<String> lines;
  private final int linesPerTick;
  private final boolean loop;
  private long tick;
  private int position;

  public ReplaySource(String service, List<String> lines, int linesPerTick, boolean loop) {
    if (lines.isEmpty() || linesPerTick < 1) {
      throw new IllegalArgumentException("replay needs lines and at least one line per tick");
    }
    this.service = service;
    this.lines = List.copyOf(lines);
    this.linesPerTick = linesPerTick;
    this.loop = loop;
  }

  @Override
  public String service() {
    return service;
  }

  @Override
  public String pattern() {
    return "replay";
  }

  /** True once a non-looping replay has emitted every line. */
  public boolean finished() {
    return !loop && position >= lines.size();
  }

  @Override
  public Emission tick(Instant now) {
    List<Emission.Line> out = new ArrayList<>();
    List<Emission.Error> errors = new ArrayList<>();
    for (int i = 0; i < linesPerTick && !finished(); i++) {
      if (position >= lines.size()) {
        position = 0;
      }
      String line = lines.get(position++);
      String level = levelOf(line);
      out.add(new Emission.Line(level, line));
      if (isError(level)) {
        boolean fatal = level.equals("FATAL") || level.equals("CRITICAL") || level.equals("EMERG") || level.equals("ALERT");
        errors.add(new Emission.Error(level, level, fatal ? Severity.SEV1 : Severity.SEV2, line.strip(), line));
      }
    }
    return new Emission(tick++, out, errors);
  }

  /** The first level word of the line, upper-cased; UNKNOWN when there is none. */
  static String levelOf(String line) {
    Matcher m = LEVEL.matcher(line);
    return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : "UNKNOWN";
  }

  static boolean isError(String level) {
    return switch (level) {
      case "ERROR", "FATAL", "CRITICAL", "SEVERE", "CRIT", "EMERG", "ALERT" -> true;
      default -> false;
    };
  }
}
