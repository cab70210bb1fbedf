package io.intake.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the scheduling priority (raises the nice value) of the calling thread, on Linux, for
 * background CPU work: model inference and refitting the 3D projection. Inference keeps every
 * core busy for as long as there is a backlog; at a lower priority it
 * still gets every idle cycle, but request handling and PostgreSQL run first when they need the
 * CPU, so ingestion latency does not depend on the enrichment backlog. Threads a niced thread
 * creates inherit its nice value, which is how ONNX Runtime's own pool threads get it: the session
 * is created on a niced thread.
 *
 * <p>Java has no API for a thread's nice value; the thread runs {@code renice} on its own kernel
 * thread id (an unprivileged user may always lower its own priority). Elsewhere, or without
 * {@code renice}, it logs once and leaves the priority alone.
 */
public final class ThreadNiceness {

  private static final Logger LOG = LoggerFactory.getLogger(ThreadNiceness.class);
  private static final ThreadLocal<Boolean> DONE = ThreadLocal.withInitial(() -> false);
  private static volatile boolean warned;

  private ThreadNiceness() {
  }

  /** Idempotent per thread; {@code nice} ≤ 0 does nothing. */
  public static void lowerCurrentThread(int nice) {
    if (nice <= 0 || DONE.get()) {
      return;
    }
    DONE.set(true);
    try {
      Path self = Path.of("/proc/thread-self/stat");
      if (!Files.isReadable(self)) {
        warn("no /proc/thread-self (not Linux)");
        return;
      }
      String tid = Files.readString(self).split(" ", 2)[0];
      Process renice = new ProcessBuilder("renice", "-n", Integer.toString(Math.min(19, nice)), "-p", tid)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!renice.waitFor(5, TimeUnit.SECONDS) || renice.exitValue() != 0) {
        warn("renice exited with " + (renice.isAlive() ? "a timeout" : renice.exitValue()));
      }
    } catch (Exception e) {
      warn(e.toString());
    }
  }

  private static void warn(String why) {
    if (!warned) {
      warned = true;
      LOG.warn("background threads keep the normal priority ({}); ingestion latency will follow the enrichment backlog", why);
    }
  }
}
