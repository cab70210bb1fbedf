package io.intake.vectors;

import io.intake.embedding.Vectors;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProjectionTest {

  /** Points spread mostly along axes 5, 9 and 2 (in that order of variance), in 16 dimensions. */
  private static List<float[]> cloud(int n, long seed) {
    Random random = new Random(seed);
    List<float[]> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] p = new float[16];
      for (int d = 0; d < 16; d++) {
        p[d] = (float) (random.nextGaussian() * 0.01);
      }
      p[5] += (float) (random.nextGaussian() * 3);
      p[9] += (float) (random.nextGaussian() * 2);
      p[2] += (float) (random.nextGaussian() * 1);
      points.add(p);
    }
    return points;
  }

  @Test
  void findsTheDirectionsOfLargestVarianceInOrder() {
    Projection p = Projection.fit(cloud(500, 1), null);
    float[][] c = p.components();
    assertThat(Math.abs(c[0][5])).isGreaterThan(0.99f);
    assertThat(Math.abs(c[1][9])).isGreaterThan(0.99f);
    assertThat(Math.abs(c[2][2])).isGreaterThan(0.99f);
    // Orthonormal.
    assertThat(Vectors.dot(c[0], c[1])).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(Vectors.dot(c[0], c[0])).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  void aRefitKeepsEachComponentsSignSoPointsDoNotMirror() {
    List<float[]> first = cloud(200, 2);
    Projection before = Projection.fit(first, null);
    // Refit on more data from the same distribution, with the sign-flipped previous fit as the
    // reference: every component must turn to agree with the reference.
    List<float[]> grown = new ArrayList<>(first);
    grown.addAll(cloud(400, 3));
    float[][] flipped = before.components();
    for (float[] comp : flipped) {
      for (int d = 0; d < comp.length; d++) {
        comp[d] = -comp[d];
      }
    }
    Projection reference = new Projection(before.mean(), flipped, 200);
    Projection after = Projection.fit(grown, reference);
    for (int c = 0; c < 3; c++) {
      assertThat(Vectors.dot(after.components()[c], flipped[c])).isGreaterThan(0.99);
    }
    // And with the real previous fit, a point barely moves.
    Projection kept = Projection.fit(grown, before);
    float[] point = first.get(0);
    float[] a = before.project(point);
    float[] b = kept.project(point);
    for (int c = 0; c < 3; c++) {
      assertThat(Math.abs(a[c] - b[c])).isLessThan(0.5f);
      assertThat(Math.signum(a[c])).isEqualTo(Math.signum(b[c]));
    }
  }

  @Test
  void theSameDataGivesTheSameFit() {
    List<float[]> data = cloud(100, 4);
    assertThat(Projection.fit(data, null).components()).isDeepEqualTo(Projection.fit(data, null).components());
  }

  @Test
  void fewerPointsThanComponentsStillProject() {
    Projection p = Projection.fit(List.of(new float[] {1, 0, 0, 0}, new float[] {0, 1, 0, 0}), null);
    float[] xyz = p.project(new float[] {1, 0, 0, 0});
    assertThat(xyz).hasSize(3);
    for (float v : xyz) {
      assertThat(Float.isFinite(v)).isTrue();
    }
  }
}
