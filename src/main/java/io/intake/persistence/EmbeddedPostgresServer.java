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

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * @param home where {@code pgdata/} and the unpacked binaries live
   * @param port TCP port on loopback; 0 picks a free one
   */
  public static EmbeddedPostgresServer start(Path home, int port) throws IOException {
    Path dataDir = home.resolve("pgdata");
    Path binaries = home.resolve("pg-runtime");
    Files.createDirectories(binaries);
    stopOrphanedServer(dataDir);
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(binaries.toFile())
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("max_connections", "200")
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on");
    if (port > 0) {
      builder.setPort(port);
    }
    long started = System.nanoTime();
    EmbeddedPostgres postgres = builder.start();
    LOG.info("embedded PostgreSQL up on 127.0.0.1:{} (data {}) in {} ms", postgres.getPort(), dataDir,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return new EmbeddedPostgresServer(postgres);
  }

  public DatabaseSettings settings() {
    return new DatabaseSettings("127.0.0.1", postgres.getPort(), "postgres", "postgres", null);
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    LOG.info("embedded PostgreSQL stopped");
  }

  /**
   * A server left running by a process that was killed (the postmaster outlives the JVM) holds
   * the data directory; it is ours, so stop it before starting again.
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
