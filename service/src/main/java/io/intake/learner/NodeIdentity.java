package io.intake.learner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Who this member is across restarts, so that a member restarted after a crash can take back the
 * outbox leases its previous run held instead of waiting for them to expire. The configured
 * {@code learner.node_id} when set (one per member: members sharing a POSTGRES_URL set it to get
 * this); otherwise, with the embedded server, a name made once and kept in its data directory
 * ({@code node-id}), which one live process owns at a time.
 *
 * <p>A lease owner is {@code <node id>/<run>}: the run part is new at every start, so a restart
 * tells its own live leases from those of the run before it.
 */
public final class NodeIdentity {

  public static final String FILE = "node-id";

  private NodeIdentity() {
  }

  /** Blocking (may create the file). */
  public static String resolve(String configured, Path dataDir) throws IOException {
    if (configured != null && !configured.isBlank()) {
      return configured.strip();
    }
    Path file = dataDir.resolve(FILE);
    if (Files.exists(file)) {
      String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!kept.isEmpty()) {
        return kept;
      }
    }
    Files.createDirectories(dataDir);
    String made = "node-" + UUID.randomUUID().toString().substring(0, 8);
    Path temporary = Files.createTempFile(dataDir, FILE, ".tmp");
    Files.writeString(temporary, made + "\n", StandardCharsets.UTF_8);
    Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return made;
  }

  /** The owner name of this run's leases. */
  public static String leaseOwner(String nodeId) {
    return nodeId + "/" + UUID.randomUUID().toString().substring(0, 8);
  }
}
