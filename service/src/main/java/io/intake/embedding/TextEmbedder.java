package io.intake.embedding;

import java.util.List;

/** A sentence-embedding model. Blocking: call from a worker thread only. */
public interface TextEmbedder {

  /** Recorded with every vector, e.g. {@code all-minilm-l6-v2-q}. */
  String model();

  int dimension();

  /** One unit-length vector per text, in order. */
  float[][] embed(List<String> texts);
}
