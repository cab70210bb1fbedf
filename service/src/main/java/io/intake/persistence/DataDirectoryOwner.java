package io.intake.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Ownership of a data directory by one live process: an OS lock on {@code intake.lock}, held for
 * the process's lifetime, with the owner's pid and start time written inside for the message a
 * second process shows. The kernel releases the lock when its owner dies however it dies (kill -9
 * included), and the lock is not inherited by the PostgreSQL server the owner starts; so whoever
 * holds it knows that a server still running on the directory is an orphan.
 */
public final class DataDirectoryOwner implements AutoCloseable {

  public static final String LOCK_FILE = "intake.lock";

  /** Another live process owns the directory. */
  public static final class InUseException extends IllegalStateException {
    InUseException(String message) {
      super(message);
    }
  }

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryOwner(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @throws InUseException when a live process (this one included) holds the directory
   */
  public static DataDirectoryOwner acquire(Path home) throws IOException {
    Files.createDirectories(home);
    Path file = home.resolve(LOCK_FILE);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this JVM holds it already
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String owner = describe(channel);
      channel.close();
      throw new InUseException("data directory " + home + " is in use by another Intake (" + owner
          + "); stop that one first, or give this one its own data directory (INTAKE_DATA_DIR)");
    }
    ProcessHandle self = ProcessHandle.current();
    String started = self.info().startInstant().map(Instant::toString).orElse("unknown");
    byte[] content = ("pid=" + self.pid() + "\nstarted=" + started + "\n").getBytes(StandardCharsets.UTF_8);
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(content), 0);
    channel.force(true);
    return new DataDirectoryOwner(channel, lock);
  }

  /** What the owner wrote (pid and start time), as one phrase. */
  private static String describe(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(256);
      channel.read(buffer, 0);
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "owner unknown" : text.replace("\n", ", ");
    } catch (IOException e) {
      return "owner unreadable: " + e.getMessage();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
