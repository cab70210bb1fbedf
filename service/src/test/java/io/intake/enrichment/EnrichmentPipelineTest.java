package io.intake.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intake.enrichment.StageResult.Setback;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The pass over a batch, with stand-in stages: order, skipping, setbacks, a failing stage, the list's checks. */
class EnrichmentPipelineTest {

  private final List<String> log = new ArrayList<>();
  private final List<String> settled = new ArrayList<>();

  private record Step(String name, EnrichmentState takes, EnrichmentState leaves,
      Function<EnrichmentBatch, Future<StageResult>> body) implements EnrichmentStage {
    @Override
    public Future<StageResult> apply(EnrichmentBatch batch) {
      return body.apply(batch);
    }
  }

  private Step moving(String name, EnrichmentState takes, EnrichmentState leaves) {
    return new Step(name, takes, leaves, batch -> {
      log.add(name + " " + batch.ids());
      return Future.succeededFuture(StageResult.advanced(batch.items().stream().map(i -> i.withState(leaves)).toList()));
    });
  }

  private static EnrichmentItem item(String id, EnrichmentState state) {
    return new EnrichmentItem(id, "demo", "svc", "sev2", "open", "2026-01-01T00:00:00Z", "d", null, state, 1,
        null, null, false, null);
  }

  private List<EnrichmentItem> run(EnrichmentPipeline pipeline, List<EnrichmentItem> items) {
    Future<List<EnrichmentItem>> done = pipeline.run(items, (stage, setbacks) -> {
      setbacks.forEach(s -> settled.add(stage.name() + " " + s.item().id() + " " + s.error() + " "
          + (s.finalState() == null ? "retry" : s.finalState().wire())));
      return Future.succeededFuture();
    });
    assertThat(done.succeeded()).isTrue();
    return done.result();
  }

  @Test
  void stagesRunInListOrderEachOnTheItemsInItsState() {
    EnrichmentPipeline pipeline = new EnrichmentPipeline(List.of(
        moving("clean", EnrichmentState.PENDING, EnrichmentState.CLEANED),
        moving("embed", EnrichmentState.CLEANED, EnrichmentState.EMBEDDED),
        moving("extract", EnrichmentState.EMBEDDED, EnrichmentState.EMBEDDED),
        moving("index", EnrichmentState.EMBEDDED, EnrichmentState.INDEXED)));

    List<EnrichmentItem> done = run(pipeline, List.of(item("a", EnrichmentState.PENDING),
        item("b", EnrichmentState.EMBEDDED), item("c", EnrichmentState.CLEANED)));

    // b was resumed at embedded and c at cleaned: they skip the stages they have done.
    assertThat(log).containsExactly("clean [a]", "embed [a, c]", "extract [a, b, c]", "index [a, b, c]");
    assertThat(done).extracting(EnrichmentItem::id).containsExactly("a", "b", "c");
    assertThat(done).extracting(EnrichmentItem::state).containsOnly(EnrichmentState.INDEXED);
    assertThat(settled).isEmpty();
  }

  @Test
  void setBackItemsLeaveThePassAndTheOthersGoOn() {
    Step embed = new Step("embed", EnrichmentState.CLEANED, EnrichmentState.EMBEDDED, batch -> {
      EnrichmentItem blank = batch.items().get(0);
      EnrichmentItem broken = batch.items().get(1);
      EnrichmentItem fine = batch.items().get(2);
      return Future.succeededFuture(new StageResult(List.of(fine.withState(EnrichmentState.EMBEDDED)), List.of(
          new Setback(blank, "embed: nothing to embed", EnrichmentState.NOT_EMBEDDABLE),
          new Setback(broken, "embed: model failed", null))));
    });
    EnrichmentPipeline pipeline = new EnrichmentPipeline(List.of(
        moving("clean", EnrichmentState.PENDING, EnrichmentState.CLEANED), embed,
        moving("index", EnrichmentState.EMBEDDED, EnrichmentState.INDEXED)));

    List<EnrichmentItem> done = run(pipeline, List.of(item("blank", EnrichmentState.PENDING),
        item("broken", EnrichmentState.PENDING), item("fine", EnrichmentState.PENDING)));

    assertThat(settled).containsExactly("embed blank embed: nothing to embed not_embeddable",
        "embed broken embed: model failed retry");
    assertThat(log).containsExactly("clean [blank, broken, fine]", "index [fine]");
    assertThat(done).extracting(EnrichmentItem::id).containsExactly("fine");
  }

  @Test
  void aFailingStageSetsBackItsWholeBatchWithItsName() {
    Step index = new Step("index", EnrichmentState.EMBEDDED, EnrichmentState.INDEXED,
        batch -> Future.failedFuture(new IllegalStateException("vector store: connection refused")));
    Step throwing = new Step("clean", EnrichmentState.PENDING, EnrichmentState.CLEANED, batch -> {
      throw new IllegalStateException("boom");
    });
    EnrichmentPipeline pipeline = new EnrichmentPipeline(List.of(throwing,
        moving("embed", EnrichmentState.CLEANED, EnrichmentState.EMBEDDED), index));

    List<EnrichmentItem> done = run(pipeline, List.of(item("p", EnrichmentState.PENDING),
        item("c", EnrichmentState.CLEANED)));

    assertThat(settled).containsExactly("clean p clean: boom retry",
        "index c index: vector store: connection refused retry");
    assertThat(done).isEmpty();
  }

  @Test
  void aListThatCannotFinishAnItemIsRefused() {
    var clean = moving("clean", EnrichmentState.PENDING, EnrichmentState.CLEANED);
    var embed = moving("embed", EnrichmentState.CLEANED, EnrichmentState.EMBEDDED);
    var index = moving("index", EnrichmentState.EMBEDDED, EnrichmentState.INDEXED);
    assertThatThrownBy(() -> new EnrichmentPipeline(List.of()))
        .hasMessageContaining("at least one stage");
    assertThatThrownBy(() -> new EnrichmentPipeline(List.of(clean, index)))
        .hasMessageContaining("stage 'index' takes items in state embedded, which no earlier stage leaves");
    assertThatThrownBy(() -> new EnrichmentPipeline(List.of(clean, embed)))
        .hasMessageContaining("no stage leaves items in a finished state");
    assertThatThrownBy(() -> new EnrichmentPipeline(List.of(clean, clean, embed, index)))
        .hasMessageContaining("stage 'clean' is listed twice");
  }

  @Test
  void statesHaveTheDatabaseSpelling() {
    assertThat(EnrichmentState.values()).extracting(EnrichmentState::wire)
        .containsExactly("pending", "cleaned", "embedded", "indexed", "failed", "not_embeddable");
    assertThat(EnrichmentState.of("not_embeddable")).isEqualTo(EnrichmentState.NOT_EMBEDDABLE);
    assertThatThrownBy(() -> EnrichmentState.of("done")).hasMessageContaining("'done'");
  }
}
