package io.intake.load;

import io.intake.evaluation.PackedSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Log lines the scenarios send: every {@code *.log} file under a directory, the loghub samples
 * packed with this module ({@link #packed()}, the default), or lines made up from a few templates.
 */
public final class Texts {

  /** @param source the file's base name (e.g. {@code hdfs}), used as the service of log entries */
  public record Line(String source, String level, String text) {
  }

  private final List<Line> lines;

  private Texts(List<Line> lines) {
    this.lines = List.copyOf(lines);
  }

  /** The loghub samples in this module's jar (or build tree); made-up lines if they are missing. */
  public static Texts packed() {
    try {
      return PackedSamples.read(Texts::from);
    } catch (IOException e) {
      return synthetic(2_000);
    }
  }

  /** {@code null} means the packed samples. */
  public static Texts from(Path directory) {
    if (directory == null) {
      return packed();
    }
    if (!Files.isDirectory(directory)) {
      return synthetic(2_000);
    }
    List<Line> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
        String name = file.getFileName().toString();
        String source = name.substring(0, name.indexOf('_') > 0 ? name.indexOf('_') : name.length() - 4).toLowerCase(Locale.ROOT);
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!text.isBlank()) {
            lines.add(new Line(source, level(text), text.strip()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines.isEmpty() ? synthetic(2_000) : new Texts(lines);
  }

  /** Made-up lines of a few shapes with varying hosts, numbers and ids. */
  public static Texts synthetic(int count) {
    String[] shapes = {
        "ERROR Connection to db-%d timed out after %d ms (pool exhausted)",
        "WARN Slow query on table orders_%d took %d ms",
        "ERROR java.lang.OutOfMemoryError: Java heap space in worker-%d after %d requests",
        "INFO User %d logged in from 10.0.%d.1",
        "ERROR Payment gateway returned 502 for order %d (attempt %d)",
        "WARN Disk usage at %d%% on /dev/sda%d",
    };
    List<Line> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String text = String.format(Locale.ROOT, shapes[i % shapes.length], 1000 + i * 7, 10 + (i * 37) % 5000);
      lines.add(new Line("synthetic", level(text), text));
    }
    return new Texts(lines);
  }

  public int size() {
    return lines.size();
  }

  public Line line(long n) {
    return lines.get((int) (n % lines.size()));
  }

  private static String level(String text) {
    if (text.contains("FATAL") || text.contains("ERROR") || text.contains("error")) {
      return "ERROR";
    }
    return text.contains("WARN") ? "WARN" : "INFO";
  }
}
