package io.intake.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryOwnerTest {

  @Test
  void one_owner_at_a_time_and_the_second_learns_who(@TempDir Path dir) throws Exception {
    try (DataDirectoryOwner first = DataDirectoryOwner.acquire(dir)) {
      assertThat(Files.readString(dir.resolve(DataDirectoryOwner.LOCK_FILE)))
          .contains("pid=" + ProcessHandle.current().pid()).contains("started=");
      assertThatThrownBy(() -> DataDirectoryOwner.acquire(dir))
          .isInstanceOf(DataDirectoryOwner.InUseException.class)
          .hasMessageContaining("is in use by another Intake (pid=" + ProcessHandle.current().pid());
    }
    // Released: the next owner takes it.
    DataDirectoryOwner.acquire(dir).close();
  }
}
