package io.intake.learner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {

  @Test
  void the_node_id_is_made_once_and_kept_in_the_data_directory(@TempDir Path dir) throws Exception {
    String made = NodeIdentity.resolve(null, dir);
    assertThat(made).startsWith("node-");
    assertThat(NodeIdentity.resolve(null, dir)).isEqualTo(made);
    assertThat(Files.readString(dir.resolve(NodeIdentity.FILE)).strip()).isEqualTo(made);
    assertThat(NodeIdentity.resolve(" member-a ", dir)).as("configured wins").isEqualTo("member-a");
  }

  @Test
  void every_run_has_its_own_lease_owner() {
    assertThat(NodeIdentity.leaseOwner("node-x")).startsWith("node-x/").isNotEqualTo(NodeIdentity.leaseOwner("node-x"));
  }
}
