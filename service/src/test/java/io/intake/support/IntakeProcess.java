package io.intake.support;

import io.intake.config.ConfigLoader;
import io.intake.config.EnvOverrides;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code intake serve} (with {@code --cluster} when asked) in a JVM of its own, on the test's
 * classpath, so a test can kill it for real ({@link #kill}: SIGKILL, no shutdown hook, no goodbye
 * to the cluster) or ask it to stop ({@link #terminate}: SIGTERM) and see how it exits. Its
 * configuration is the shipped {@code conf/config.json} with the test's overrides, written to a
 * file; its output goes to a file the test prints when
 * something fails.
 */
public final class IntakeProcess {

  private final Path dir;
  private final String name;
  private final Path config;
  private final List<Path> logs = new ArrayList<>();
  private Process process;
  private boolean clustered = true;

  private IntakeProcess(Path dir, String name, Path config) {
    this.dir = dir;
    this.name = name;
    this.config = config;
  }

  public static IntakeProcess configure(Path dir, String name, JsonObject overrides) {
    try {
      Files.createDirectories(dir);
      Path config = dir.resolve(name + ".json");
      Files.writeString(config, ConfigLoader.read(ConfigLoader.DEFAULT_PATH, Map.of(), overrides).encodePrettily());
      return new IntakeProcess(dir, name, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A plain {@code intake serve}, not a cluster member. */
  public IntakeProcess standalone() {
    clustered = false;
    return this;
  }

  /** Starts (or starts again) the process; each run writes its output to a file of its own. */
  public IntakeProcess start() {
    Path log = dir.resolve(name + "-run" + (logs.size() + 1) + ".log");
    logs.add(log);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
        // As the jar's manifest does (embedding.OnnxExitHook).
        "--add-opens", "java.base/java.lang=ALL-UNNAMED", "io.intake.Main", "serve"));
    if (clustered) {
      command.add("--cluster");
    }
    command.addAll(List.of("--config", config.toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    // Through the environment, not -cp: ONNX Runtime (1.29) reads /proc/self/cmdline when it loads
    // and overflows a 1 MB thread stack on a command line as long as a Maven test classpath.
    env.put("CLASSPATH", System.getProperty("java.class.path"));
    // The file decides, not whatever the developer's shell exports.
    EnvOverrides.ALL.forEach(o -> env.remove(o.env()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Should the test JVM end without @AfterAll, the member must not outlive it holding its ports.
    Process started = process;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "kill-" + name));
    return this;
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL, and waits until the process is gone (its sockets closed by the kernel). */
  public void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until {@code /readyz} answers 200 through {@code http}; fails at once, with the process's
   * last output, when it exits while starting, and with that output at the deadline.
   */
  public void awaitReady(Http http, java.time.Duration deadline) {
    try {
      TestApp.eventually(deadline, () -> {
        if (!alive()) {
          throw new AssertionError("child exited while starting:\n" + tail(40));
        }
        try {
          return http.get("/readyz").statusCode() == 200;
        } catch (AssertionError notYet) {
          return false; // not listening yet
        }
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + tail(40), e);
    }
  }

  /** SIGTERM (what {@code docker stop} and systemd send), without waiting: see {@link #awaitExit}. */
  public void terminate() {
    process.destroy();
  }

  public long pid() {
    return process.pid();
  }

  /** Waits for the process to end by itself; its exit status, or null when it still runs at the deadline. */
  public Integer awaitExit(java.time.Duration deadline) {
    try {
      return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The last lines of each run's output, for a failure report. */
  public String tail(int lines) {
    StringBuilder out = new StringBuilder();
    for (Path log : logs) {
      out.append("---- ").append(log).append('\n');
      try {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.append(l).append('\n'));
      } catch (IOException e) {
        out.append("(unreadable: ").append(e).append(")\n");
      }
    }
    return out.toString();
  }

  /** The first line of the latest run's output that contains {@code text}, or null. */
  public String lineOfLatestRun(String text) {
    try {
      return logs.isEmpty() ? null
          : Files.readAllLines(logs.get(logs.size() - 1)).stream().filter(l -> l.contains(text)).findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }
}
