package io.intake.enrichment;

import io.intake.embedding.EmbeddingClient;
import io.intake.embedding.IsolatingEmbedder.Refusal;
import io.intake.enrichment.StageResult.Setback;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * cleaned → embedded: one model request for the batch. The vectors are not stored here: they ride
 * on the items ({@code vectorNow}) to the index stage, which stores them with the cleaned
 * descriptions, the coordinates and the indexed state in one transaction; the pass stores them on
 * their own only for items that leave it before that. A text without a vector never holds back the
 * others: a text with nothing to embed ends {@code not_embeddable} at once, one the model failed on
 * is retried.
 */
public final class EmbedStage implements EnrichmentStage {

  public static final String NAME = "embed";

  private EmbeddingClient embedding;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EnrichmentState takes() {
    return EnrichmentState.CLEANED;
  }

  @Override
  public EnrichmentState leaves() {
    return EnrichmentState.EMBEDDED;
  }

  @Override
  public void start(StageContext context) {
    embedding = context.embedding();
  }

  @Override
  public Future<StageResult> apply(EnrichmentBatch batch) {
    List<String> texts = new ArrayList<>(batch.size());
    batch.items().forEach(i -> texts.add(i.description() == null ? "" : i.description()));
    return embedding.embed(texts).compose(answer -> {
      List<EnrichmentItem> embedded = new ArrayList<>();
      List<Setback> setbacks = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        EnrichmentItem item = batch.items().get(i);
        byte[] vector = answer.vector(i);
        if (vector == null) {
          Refusal why = answer.refusal(i);
          String reason = why == null ? "no vector" : why.message();
          setbacks.add(why != null && why.notEmbeddable()
              ? new Setback(item, NAME + ": the cleaned description " + reason, EnrichmentState.NOT_EMBEDDABLE)
              : new Setback(item, NAME + ": " + reason, null));
          continue;
        }
        embedded.add(item.embedded(vector, answer.model()));
      }
      return Future.succeededFuture(new StageResult(embedded, setbacks));
    });
  }
}
