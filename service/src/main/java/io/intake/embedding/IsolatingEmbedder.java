package io.intake.embedding;

import java.util.ArrayList;
import java.util.List;

/**
 * Embeds a micro-batch so that one text never fails the others: texts with nothing to embed
 * ({@link EmbeddableText}) never reach the model, and a model call that fails is split in halves
 * until the failing texts stand alone. Texts that arrive together are unrelated requests (a
 * search, an enrichment pass), so each gets its own outcome. Blocking, like the model.
 */
public final class IsolatingEmbedder {

  /** Why one text has no vector. {@code rule} is {@link EmbeddableText#RULE} when the text itself is refused. */
  public record Refusal(String rule, String message) {
    public boolean notEmbeddable() {
      return EmbeddableText.RULE.equals(rule);
    }
  }

  /**
   * @param vectors one per text, null where {@code refusals} holds the reason
   * @param modelCalls model calls made (1 when nothing failed)
   */
  public record Result(float[][] vectors, Refusal[] refusals, int modelCalls) {
    public boolean anyRefused() {
      for (Refusal r : refusals) {
        if (r != null) {
          return true;
        }
      }
      return false;
    }
  }

  private final TextEmbedder model;

  public IsolatingEmbedder(TextEmbedder model) {
    this.model = model;
  }

  public Result embed(List<String> texts) {
    float[][] vectors = new float[texts.size()][];
    Refusal[] refusals = new Refusal[texts.size()];
    List<Integer> embeddable = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      if (EmbeddableText.hasContent(texts.get(i))) {
        embeddable.add(i);
      } else {
        refusals[i] = new Refusal(EmbeddableText.RULE, EmbeddableText.MESSAGE);
      }
    }
    int[] calls = {0};
    if (!embeddable.isEmpty()) {
      embedPart(texts, embeddable, vectors, refusals, calls);
    }
    return new Result(vectors, refusals, calls[0]);
  }

  private void embedPart(List<String> texts, List<Integer> part, float[][] vectors, Refusal[] refusals, int[] calls) {
    List<String> batch = new ArrayList<>(part.size());
    part.forEach(i -> batch.add(texts.get(i)));
    calls[0]++;
    try {
      float[][] out = model.embed(batch);
      for (int j = 0; j < part.size(); j++) {
        vectors[part.get(j)] = out[j];
      }
    } catch (RuntimeException e) {
      if (part.size() == 1) {
        // The model's own refusal of a text (its tokenizer left nothing) is the same outcome as ours.
        refusals[part.get(0)] = e instanceof IllegalArgumentException
            ? new Refusal(EmbeddableText.RULE, EmbeddableText.MESSAGE)
            : new Refusal("model_error", "the model failed on this text: " + e.getMessage());
        return;
      }
      int half = part.size() / 2;
      embedPart(texts, part.subList(0, half), vectors, refusals, calls);
      embedPart(texts, part.subList(half, part.size()), vectors, refusals, calls);
    }
  }
}
