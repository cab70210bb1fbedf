package io.intake.enrichment;

import io.intake.llm.CleanRequest;
import io.intake.llm.CleanResult;
import io.intake.llm.LlmClient;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * pending → cleaned: one LLM request for the whole batch. The cleaned description is not stored
 * here: the embed stage stores it with the vector in one statement, and the pipeline stores it on
 * its own only when the item leaves the pass before that, so an LLM answer is never asked twice.
 */
public final class CleanStage implements EnrichmentStage {

  public static final String NAME = "clean";

  private LlmClient llm;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EnrichmentState takes() {
    return EnrichmentState.PENDING;
  }

  @Override
  public EnrichmentState leaves() {
    return EnrichmentState.CLEANED;
  }

  @Override
  public void start(StageContext context) {
    llm = context.llm();
  }

  @Override
  public Future<StageResult> apply(EnrichmentBatch batch) {
    List<CleanRequest> asks = new ArrayList<>(batch.size());
    batch.items().forEach(item -> asks.add(new CleanRequest(item.id(), item.textToClean(), item.service())));
    return llm.clean(asks).map(results -> {
      List<EnrichmentItem> cleaned = new ArrayList<>(results.size());
      for (int i = 0; i < batch.size(); i++) {
        CleanResult r = results.get(i);
        cleaned.add(batch.items().get(i).cleaned(r));
      }
      return StageResult.advanced(cleaned);
    });
  }
}
