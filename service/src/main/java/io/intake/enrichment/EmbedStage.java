package io.intake.enrichment;

import io.intake.embedding.EmbeddingClient;
import io.intake.embedding.IsolatingEmbedder.Refusal;
import io.intake.enrichment.StageResult.Setback;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * cleaned → embedded: one model request for the batch, one statement storing the vectors (and the
 * descriptions cleaned in this pass). A text without a vector never holds back the others: a text
 * with nothing to embed ends {@code not_embeddable} at once, one the model failed on is retried.
 */
public final class EmbedStage implements EnrichmentStage {

  public static final String NAME = "embed";

  private EmbeddingClient embedding;
  private EnrichmentStore store;

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
    store = context.store();
  }

  @Override
  public Future<StageResult> apply(EnrichmentBatch batch) {
    List<String> texts = new ArrayList<>(batch.size());
    batch.items().forEach(i -> texts.add(i.description() == null ? "" : i.description()));
    return embedding.embed(texts).compose(answer -> {
      List<EnrichmentItem> embedded = new ArrayList<>();
      List<EnrichmentStore.Embedded> rows = new ArrayList<>();
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
        rows.add(new EnrichmentStore.Embedded(item.id(), vector, item.cleanedNow()));
        embedded.add(item.embedded(vector, answer.model()));
      }
      Future<Void> stored = rows.isEmpty() ? Future.succeededFuture()
          : store.embedded(answer.model(), answer.dimension(), rows);
      return stored.map(v -> new StageResult(embedded, setbacks));
    });
  }
}
