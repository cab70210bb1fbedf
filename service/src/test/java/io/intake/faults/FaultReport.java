package io.intake.faults;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault suite's results table. Every check is recorded (what was done, the figure, pass or
 * fail) before it is asserted, in {@code target/faults/<run>.jsonl}; after each record the table
 * {@code load-tests/FAULTS.md} is written again from the rows of this run, so the last test of the
 * run leaves the whole table. Written only when {@code faults.report} is set (the {@code faults}
 * profile sets it): a single fault test run by hand does not overwrite the committed table.
 */
final class FaultReport {

  private static final Path ROWS_DIR = Path.of("target", "faults");
  private static final String RUN = System.getProperty("faults.run", "").isBlank() ? "manual" : System.getProperty("faults.run");

  private FaultReport() {
  }

  /** Records a row, then asserts it. */
  static void check(String area, String what, String figure, boolean pass) {
    record(area, what, figure, pass);
    if (!pass) {
      throw new AssertionError(area + ": " + what + " — " + figure);
    }
  }

  static synchronized void record(String area, String what, String figure, boolean pass) {
    System.out.printf("FAULTS | %s | %s | %s | %s%n", area, what, figure, pass ? "pass" : "FAIL");
    String table = System.getProperty("faults.report", "");
    if (table.isBlank()) {
      return;
    }
    try {
      Files.createDirectories(ROWS_DIR);
      Path rows = ROWS_DIR.resolve(RUN + ".jsonl");
      Files.writeString(rows, new JsonObject().put("area", area).put("what", what).put("figure", figure)
              .put("pass", pass).put("at", Instant.now().toString()).encode() + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      write(rows, Path.of(table));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path rows, Path table) throws IOException {
    List<JsonObject> all = new ArrayList<>();
    for (String line : Files.readAllLines(rows, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        all.add(new JsonObject(line));
      }
    }
    long failed = all.stream().filter(r -> !r.getBoolean("pass")).count();
    StringBuilder md = new StringBuilder();
    md.append("# Fault suite results\n\n")
        .append("Written by `mvn -B -Pfaults test` (see [README.md](README.md#fault-suite)); do not edit by hand.\n")
        .append("Run ").append(RUN).append(", ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ").append(System.getProperty("os.name")).append(", Java ")
        .append(System.getProperty("java.version")).append(": ")
        .append(all.size() - failed).append(" of ").append(all.size()).append(" checks pass.\n\n")
        .append("| area | what was done | figure | result |\n|---|---|---|---|\n");
    for (JsonObject r : all) {
      md.append("| ").append(cell(r.getString("area"))).append(" | ").append(cell(r.getString("what")))
          .append(" | ").append(cell(r.getString("figure"))).append(" | ")
          .append(r.getBoolean("pass") ? "pass" : "**FAIL**").append(" |\n");
    }
    Files.writeString(table, md.toString(), StandardCharsets.UTF_8);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
