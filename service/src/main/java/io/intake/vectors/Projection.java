package io.intake.vectors;

import io.intake.embedding.Vectors;
import java.util.List;
import java.util.Random;

/**
 * PCA to three dimensions for the 3D view ({@code embedding_3d_x/y/z}). Fitted on a sample of the
 * stored vectors by power iteration with deflation on their covariance. Components have no
 * natural sign, so a refit turns each component to agree with the previous fit's (positive dot
 * product): points move only as much as the data changed, they do not mirror.
 */
public final class Projection {

  private static final int ITERATIONS = 100;

  private final float[] mean;
  private final float[][] components;
  private final int fittedOn;

  public Projection(float[] mean, float[][] components, int fittedOn) {
    this.mean = mean;
    this.components = components;
    this.fittedOn = fittedOn;
  }

  public int dimension() {
    return mean.length;
  }

  public int fittedOn() {
    return fittedOn;
  }

  public float[] mean() {
    return mean.clone();
  }

  public float[][] components() {
    return new float[][] {components[0].clone(), components[1].clone(), components[2].clone()};
  }

  public float[] project(float[] v) {
    float[] out = new float[3];
    for (int c = 0; c < 3; c++) {
      double sum = 0;
      for (int d = 0; d < mean.length; d++) {
        sum += (v[d] - mean[d]) * components[c][d];
      }
      out[c] = (float) sum;
    }
    return out;
  }

  /**
   * @param sample   at least one vector, all of the same dimension
   * @param previous the fit in use (its signs are kept), or null
   */
  public static Projection fit(List<float[]> sample, Projection previous) {
    int n = sample.size();
    int dim = sample.get(0).length;
    float[] mean = new float[dim];
    for (float[] v : sample) {
      for (int d = 0; d < dim; d++) {
        mean[d] += v[d] / n;
      }
    }
    // Covariance (dim x dim, upper triangle mirrored).
    double[][] cov = new double[dim][dim];
    double[] centered = new double[dim];
    for (float[] v : sample) {
      for (int d = 0; d < dim; d++) {
        centered[d] = v[d] - mean[d];
      }
      for (int i = 0; i < dim; i++) {
        double ci = centered[i];
        if (ci == 0) {
          continue;
        }
        double[] row = cov[i];
        for (int j = i; j < dim; j++) {
          row[j] += ci * centered[j];
        }
      }
    }
    for (int i = 0; i < dim; i++) {
      for (int j = i + 1; j < dim; j++) {
        cov[j][i] = cov[i][j];
      }
    }
    float[][] components = new float[3][];
    Random random = new Random(42); // deterministic start vectors: same data, same fit
    for (int c = 0; c < 3; c++) {
      double[] v = new double[dim];
      for (int d = 0; d < dim; d++) {
        v[d] = random.nextGaussian();
      }
      orthogonalize(v, components, c);
      normalize(v);
      double[] next = new double[dim];
      for (int it = 0; it < ITERATIONS; it++) {
        for (int i = 0; i < dim; i++) {
          double sum = 0;
          double[] row = cov[i];
          for (int j = 0; j < dim; j++) {
            sum += row[j] * v[j];
          }
          next[i] = sum;
        }
        orthogonalize(next, components, c); // deflation: stay out of the earlier components
        if (normalize(next) == 0) {
          break; // no variance left in this direction (fewer points than components)
        }
        double[] swap = v;
        v = next;
        next = swap;
      }
      float[] component = new float[dim];
      for (int d = 0; d < dim; d++) {
        component[d] = (float) v[d];
      }
      components[c] = component;
    }
    orient(components, previous);
    return new Projection(mean, components, n);
  }

  /** Keeps each component's sign: toward the previous fit's, or its largest coordinate positive. */
  private static void orient(float[][] components, Projection previous) {
    for (int c = 0; c < 3; c++) {
      float[] comp = components[c];
      double reference;
      if (previous != null && previous.dimension() == comp.length) {
        reference = Vectors.dot(comp, previous.components[c]);
      } else {
        int largest = 0;
        for (int d = 1; d < comp.length; d++) {
          if (Math.abs(comp[d]) > Math.abs(comp[largest])) {
            largest = d;
          }
        }
        reference = comp[largest];
      }
      if (reference < 0) {
        for (int d = 0; d < comp.length; d++) {
          comp[d] = -comp[d];
        }
      }
    }
  }

  private static void orthogonalize(double[] v, float[][] done, int count) {
    for (int c = 0; c < count; c++) {
      double dot = 0;
      for (int d = 0; d < v.length; d++) {
        dot += v[d] * done[c][d];
      }
      for (int d = 0; d < v.length; d++) {
        v[d] -= dot * done[c][d];
      }
    }
  }

  private static double normalize(double[] v) {
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm < 1e-12) {
      return 0;
    }
    for (int d = 0; d < v.length; d++) {
      v[d] /= norm;
    }
    return norm;
  }
}
