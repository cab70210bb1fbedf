package io.intake.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The micro-batch of unrelated texts: one bad text fails alone. */
class IsolatingEmbedderTest {

  /** Fails any call holding "poison" (a text the model chokes on for a reason of its own). */
  private static final class PickyModel implements TextEmbedder {
    final List<Integer> calls = new ArrayList<>();

    @Override
    public String model() {
      return "picky";
    }

    @Override
    public int dimension() {
      return 1;
    }

    @Override
    public float[][] embed(List<String> texts) {
      calls.add(texts.size());
      if (texts.contains("poison")) {
        throw new IllegalStateException("ONNX said no");
      }
      if (texts.contains("refused")) {
        throw new IllegalArgumentException("Cannot embed empty or whitespace-only text");
      }
      float[][] out = new float[texts.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = new float[] {texts.get(i).length()};
      }
      return out;
    }
  }

  @Test
  void texts_with_nothing_to_embed_never_reach_the_model() {
    PickyModel model = new PickyModel();
    IsolatingEmbedder.Result result = new IsolatingEmbedder(model).embed(List.of("a", "\ufeff", "bb", "\u200b"));
    assertThat(model.calls).containsExactly(2);
    assertThat(result.vectors()[0]).containsExactly(1f);
    assertThat(result.vectors()[2]).containsExactly(2f);
    assertThat(result.vectors()[1]).isNull();
    assertThat(result.refusals()[1].rule()).isEqualTo("embeddable");
    assertThat(result.refusals()[3].notEmbeddable()).isTrue();
    assertThat(result.refusals()[0]).isNull();
  }

  @Test
  void a_failing_call_is_split_until_the_bad_text_stands_alone() {
    PickyModel model = new PickyModel();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      texts.add(i == 13 ? "poison" : i == 20 ? "refused" : "text " + i);
    }
    IsolatingEmbedder.Result result = new IsolatingEmbedder(model).embed(texts);
    for (int i = 0; i < 32; i++) {
      if (i == 13) {
        assertThat(result.vectors()[i]).isNull();
        assertThat(result.refusals()[i].rule()).isEqualTo("model_error");
        assertThat(result.refusals()[i].message()).contains("ONNX said no");
      } else if (i == 20) {
        assertThat(result.refusals()[i].notEmbeddable()).as("the model's own refusal").isTrue();
      } else {
        assertThat(result.vectors()[i]).as("text %d", i).isNotNull();
        assertThat(result.refusals()[i]).isNull();
      }
    }
    // Two bad texts among 32: a few halvings each, far fewer calls than one per text.
    assertThat(result.modelCalls()).isLessThanOrEqualTo(1 + 2 * 2 * 5);
  }

  @Test
  void a_clean_batch_is_one_call() {
    PickyModel model = new PickyModel();
    IsolatingEmbedder.Result result = new IsolatingEmbedder(model).embed(List.of("a", "b", "c"));
    assertThat(result.modelCalls()).isEqualTo(1);
    assertThat(result.anyRefused()).isFalse();
  }
}
