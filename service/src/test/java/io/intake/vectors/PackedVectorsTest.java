package io.intake.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.embedding.Vectors;
import org.junit.jupiter.api.Test;

class PackedVectorsTest {

  @Test
  void itemsComeBackAsWrittenWithNullsAndItemsWithoutAVector() {
    float[] v = {0.25f, -1.5f, 3f};
    PackedVectors.Writer writer = new PackedVectors.Writer(8)
        .add("wi_1", "api", "sev1", "open", 1_700_000_000_123L, "m", Vectors.toBytes(v))
        .add("wi_ü", null, null, "merged", Long.MIN_VALUE, null, null);
    assertThat(writer.count()).isEqualTo(2);

    PackedVectors.Reader reader = new PackedVectors.Reader(writer.toBytes());
    assertThat(reader.next()).isTrue();
    assertThat(reader.id()).isEqualTo("wi_1");
    assertThat(reader.service()).isEqualTo("api");
    assertThat(reader.severity()).isEqualTo("sev1");
    assertThat(reader.status()).isEqualTo("open");
    assertThat(reader.model()).isEqualTo("m");
    assertThat(reader.createdMillis()).isEqualTo(1_700_000_000_123L);
    assertThat(reader.dimension()).isEqualTo(3);
    float[] into = new float[3];
    reader.vector(into);
    assertThat(into).containsExactly(v);

    assertThat(reader.next()).isTrue();
    assertThat(reader.id()).isEqualTo("wi_ü");
    assertThat(reader.service()).isNull();
    assertThat(reader.model()).isNull();
    assertThat(reader.status()).isEqualTo("merged");
    assertThat(reader.createdMillis()).isEqualTo(Long.MIN_VALUE);
    assertThat(reader.dimension()).isZero();
    assertThat(reader.next()).isFalse();
  }
}
