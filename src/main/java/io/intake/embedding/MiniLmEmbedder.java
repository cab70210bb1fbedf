package io.intake.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.intake.vectors.Vectors;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (quantized ONNX, 384-d) run in process on the CPU. The model file ships inside
 * a Maven artifact, so nothing is downloaded at run time. ONNX Runtime already spreads one call
 * over the cores, so texts of a batch are embedded in the caller's thread, one after another.
 */
public final class MiniLmEmbedder implements TextEmbedder {

  public static final String MODEL = "all-minilm-l6-v2-q";

  private final AllMiniLmL6V2QuantizedEmbeddingModel model;

  public MiniLmEmbedder() {
    // A direct executor: the batch runs on the calling worker thread, not on a pool of its own.
    this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public int dimension() {
    return 384;
  }

  @Override
  public float[][] embed(List<String> texts) {
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (String text : texts) {
      // An empty segment is refused by the model; a single space embeds as "nothing".
      segments.add(TextSegment.from(text == null || text.isBlank() ? " " : text));
    }
    List<Embedding> embeddings = model.embedAll(segments).content();
    float[][] vectors = new float[embeddings.size()][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = Vectors.normalize(embeddings.get(i).vector());
    }
    return vectors;
  }
}
