package io.intake.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by this process from the binaries shipped in the jar, for when no
 * {@code POSTGRES_URL} is given. Its data directory persists across restarts; its binaries are
 * unpacked beside it (not in a shared /tmp) so root and non-root users never collide.
 * All methods block: call them from a worker.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final DataDirectoryOwner owner;
  private final long postmasterPid;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, DataDirectoryOwner owner, long postmasterPid) {
    this.postgres = postgres;
    this.owner = owner;
    this.postmasterPid = postmasterPid;
  }

  /**
   * @param home where {@code pgdata/} and the unpacked binaries live
   * @param port TCP port on loopback; 0 picks a free one
   */
  public static EmbeddedPostgresServer start(Path home, int port) throws IOException {
    // First the directory, then the server in it: a live owner's server is never touched.
    DataDirectoryOwner owner = DataDirectoryOwner.acquire(home);
    try {
      return start(home, port, owner);
    } catch (IOException | RuntimeException e) {
      owner.close();
      throw e;
    }
  }

  private static EmbeddedPostgresServer start(Path home, int port, DataDirectoryOwner owner) throws IOException {
    Path dataDir = home.resolve("pgdata");
    Path binaries = home.resolve("pg-runtime");
    Files.createDirectories(binaries);
    stopOrphanedServer(dataDir);
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(binaries.toFile())
        .setPGStartupWait(Duration.ofSeconds(60))
        // Not on the JVM's exit by a hook of its own, which would run beside the graceful shutdown
        // and stop the server while the roles still save what they hold: the shutdown stops it
        // last (or Vert.x's close, MainVerticle.stop); one orphaned by a kill is stopped at the next start.
        .setRegisterShutdownHook(false)
        .setServerConfig("max_connections", "200")
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on");
    if (port > 0) {
      builder.setPort(port);
    }
    long started = System.nanoTime();
    EmbeddedPostgres postgres = builder.start();
    long pid = readPid(dataDir.resolve("postmaster.pid")).orElse(-1L);
    LOG.info("embedded PostgreSQL up on 127.0.0.1:{} (data {}, pid {}) in {} ms", postgres.getPort(), dataDir, pid,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return new EmbeddedPostgresServer(postgres, owner, pid);
  }

  public DatabaseSettings settings() {
    return new DatabaseSettings("127.0.0.1", postgres.getPort(), "postgres", "postgres", null);
  }

  /** The server's main process, as it wrote it in {@code postmaster.pid} (-1: unknown). */
  public long postmasterPid() {
    return postmasterPid;
  }

  /** Whether the server process still runs (cheap: no connection, no query). */
  public boolean alive() {
    return postmasterPid <= 0 || ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Override
  public void close() throws IOException {
    try {
      postgres.close();
      LOG.info("embedded PostgreSQL stopped");
    } finally {
      owner.close();
    }
  }

  /**
   * A server left running by a process that was killed (the postmaster outlives the JVM) holds
   * the data directory. Only called while holding the directory's {@link DataDirectoryOwner} lock,
   * so the process that started the server is dead: it is an orphan, and ours to stop.
   */
  private static void stopOrphanedServer(Path dataDir) {
    Path pidFile = dataDir.resolve("postmaster.pid");
    Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle process = orphan.get();
    LOG.warn("stopping orphaned PostgreSQL (pid {}) left on {}", process.pid(), dataDir);
    process.destroy();
    try {
      process.onExit().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      List<String> lines = Files.readAllLines(pidFile);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
