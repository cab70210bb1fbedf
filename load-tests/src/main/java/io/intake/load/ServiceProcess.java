package io.intake.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intake as the report runs it: the product jar in its own JVM ({@code java -jar intake.jar serve
 * --config FILE}), reached over HTTP only, its output in a log file. Memory is read from outside:
 * RSS from {@code /proc}, heap after a full GC through {@code jcmd} (a JDK tool; unknown without it).
 */
final class ServiceProcess implements AutoCloseable {

  private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

  private final Process process;

  private ServiceProcess(Process process) {
    this.process = process;
  }

  /**
   * @param jar     the product's runnable jar
   * @param config  a configuration file, overlaid on the jar's defaults
   * @param jvmArgs JVM options for the child (e.g. the report's own {@code -Xmx})
   * @param log     where the child's standard output and error go
   */
  static ServiceProcess start(Path jar, Path config, List<String> jvmArgs, Path log) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("--intake-jar: no such file " + jar + " (build it: mvn -B -DskipTests package)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(List.of("-jar", jar.toString(), "serve", "--config", config.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new ServiceProcess(builder.start());
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Heap in use after a full GC and resident set size, in bytes; -1 for what cannot be read here. */
  long[] memory() {
    return new long[] {heapAfterGc(), rss()};
  }

  /**
   * CPU time the service process has used so far (user + system, all threads), in nanoseconds;
   * -1 where {@code /proc} cannot be read. On a shared machine the wall-clock rates move with the
   * neighbours; CPU per request does not (much).
   */
  long cpuNanos() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
      return ticks * 1_000_000_000L / CLOCK_TICKS;
    } catch (IOException | RuntimeException notLinux) {
      return -1;
    }
  }

  /** USER_HZ: the unit of /proc's CPU times; 100 on every Linux build this runs on. */
  private static final long CLOCK_TICKS = 100;

  private long heapAfterGc() {
    try {
      jcmd("GC.run");
      long used = 0;
      boolean found = false;
      for (String line : jcmd("GC.heap_info")) {
        Matcher m = USED.matcher(line);
        if (m.find()) {
          used += Long.parseLong(m.group(1)) * 1024;
          found = true;
        }
      }
      return found ? used : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private List<String> jcmd(String what) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), what).redirectErrorStream(true).start();
    List<String> lines = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("jcmd " + what + " failed: " + lines);
    }
    return lines;
  }

  private long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException notLinux) {
      // RSS stays unknown
    }
    return -1;
  }

  /** Asks the service to shut down (SIGTERM: its shutdown hook closes Vert.x and PostgreSQL) and waits. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
