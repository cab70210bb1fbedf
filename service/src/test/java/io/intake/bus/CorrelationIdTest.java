package io.intake.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ids made for requests that bring none: random version-4 UUIDs, and accepted back when echoed. */
class CorrelationIdTest {

  @Test
  void newIdsAreDistinctVersionFourUuids() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = Correlation.acceptOrGenerate(null);
      UUID uuid = UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
      assertThat(uuid.toString()).isEqualTo(id);
      // A client that sends the id back keeps it.
      assertThat(Correlation.acceptOrGenerate(id)).isEqualTo(id);
      seen.add(id);
    }
    assertThat(seen).hasSize(10_000);
  }

  @Test
  void aMalformedIdIsReplaced() {
    String replaced = Correlation.acceptOrGenerate("bad id\nwith a newline");
    assertThat(replaced).doesNotContain("\n");
    assertThat(UUID.fromString(replaced).version()).isEqualTo(4);
  }
}
