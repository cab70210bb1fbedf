package io.intake.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.model.WorkItemDraft;
import io.intake.persistence.api.SavedWorkItem;
import io.intake.persistence.api.WorkItem;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The group-commit logic alone: the transaction is a promise the test settles by hand. */
class OccurrenceBatcherTest {

  private record Call(int occurrences, Promise<WorkItemRepository.Stored> result) {
  }

  private final List<Call> calls = new ArrayList<>();
  private final List<OccurrenceBatcher.Flushed> flushed = new ArrayList<>();
  private final OccurrenceBatcher batcher = new OccurrenceBatcher((draft, n) -> {
    Promise<WorkItemRepository.Stored> p = Promise.promise();
    calls.add(new Call(n, p));
    return p.future();
  }, 3, flushed::add);

  private static WorkItemDraft draft(String description) {
    return WorkItemDraft.fromJson(new JsonObject()
        .put("source", "demo").put("type", "incident").put("service", "checkout").put("severity", "sev2")
        .put("description", description).put("fingerprint", "fp:" + description).put("dedup_window_seconds", 300));
  }

  /** What the transaction committed: the stored count after it, and what it added. */
  private static WorkItemRepository.Stored committed(boolean merged, int count, int added) {
    WorkItem item = WorkItem.fromJson(new JsonObject().put("id", "wi_1").put("occurrence_count", count));
    return new WorkItemRepository.Stored(new SavedWorkItem("wi_1", "2026-11-22T00:00:00Z", count, merged), added, item);
  }

  @Test
  void repeatsArrivingDuringATransactionShareTheNextOne() {
    Future<SavedWorkItem> first = batcher.save(draft("disk full"), 1);
    List<Future<SavedWorkItem>> waiting = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      waiting.add(batcher.save(draft("disk full"), i == 4 ? 10 : 1));
    }
    assertThat(calls).hasSize(1);
    assertThat(first.isComplete()).isFalse();

    calls.get(0).result().complete(committed(false, 1, 1));
    assertThat(first.result().merged()).isFalse();
    assertThat(first.result().occurrenceCount()).isEqualTo(1);
    // At most 3 requests per transaction: the next one carries three, the one after the rest.
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1).occurrences()).isEqualTo(3);
    assertThat(waiting).noneMatch(Future::isComplete);

    calls.get(1).result().complete(committed(true, 4, 3));
    assertThat(waiting.subList(0, 3)).allMatch(f -> f.result().merged());
    assertThat(waiting.subList(0, 3).stream().map(f -> f.result().occurrenceCount()))
        .containsExactly(2, 3, 4);
    assertThat(calls).hasSize(3);
    assertThat(calls.get(2).occurrences()).isEqualTo(11);

    calls.get(2).result().complete(committed(true, 15, 11));
    assertThat(waiting.get(3).result().occurrenceCount()).isEqualTo(5);
    assertThat(waiting.get(4).result().occurrenceCount()).isEqualTo(15);
    assertThat(flushed).extracting(OccurrenceBatcher.Flushed::requests).containsExactly(1, 3, 2);
    assertThat(flushed).extracting(OccurrenceBatcher.Flushed::inserted).containsExactly(true, false, false);
    assertThat(batcher.lanes()).isZero();
  }

  @Test
  void idleCompletesOnlyOnceEveryLaneHasCommitted() {
    assertThat(batcher.idle().succeeded()).as("idle at once with nothing in flight").isTrue();
    batcher.save(draft("disk full"), 1);
    batcher.save(draft("disk full"), 1); // waits for the next transaction of its lane
    batcher.save(draft("cpu hot"), 1);
    Future<Void> idle = batcher.idle();
    assertThat(idle.isComplete()).isFalse();

    calls.get(0).result().complete(committed(false, 1, 1)); // starts the waiting repeat's transaction
    calls.get(1).result().complete(committed(false, 1, 1)); // the other lane
    assertThat(idle.isComplete()).as("the repeat's transaction still runs").isFalse();

    calls.get(2).result().fail(new IllegalStateException("connection lost"));
    assertThat(idle.succeeded()).as("a failed transaction ends its lane too").isTrue();
    assertThat(batcher.lanes()).isZero();
  }

  @Test
  void aFailedTransactionFailsExactlyTheRequestsItCarried() {
    Future<SavedWorkItem> first = batcher.save(draft("disk full"), 1);
    Future<SavedWorkItem> second = batcher.save(draft("disk full"), 1);
    calls.get(0).result().fail(new IllegalStateException("connection lost"));
    assertThat(first.failed()).isTrue();
    assertThat(first.cause()).hasMessage("connection lost");
    assertThat(second.isComplete()).isFalse();
    calls.get(1).result().complete(committed(false, 1, 1));
    assertThat(second.result().merged()).isFalse();
    assertThat(flushed).hasSize(1);
  }

  @Test
  void differentIdentitiesDoNotWaitForEachOther() {
    batcher.save(draft("disk full"), 1);
    batcher.save(draft("certificate expired"), 1);
    assertThat(calls).hasSize(2);
  }

  private static WorkItemDraft keyed(String occurrenceKey) {
    return WorkItemDraft.fromJson(new JsonObject()
        .put("source", "alertmanager").put("type", "alert").put("service", "web").put("severity", "sev3")
        .put("description", "High latency").put("fingerprint", "fp:am:web-1").put("dedup_while_open", true)
        .put("source_key", "web-1").put("source_refs", new JsonObject().put("occurrence_key", occurrenceKey)));
  }

  @Test
  void repeatsOfOneFiringInABatchCountAtMostOnce() {
    Future<SavedWorkItem> first = batcher.save(keyed("2026-11-22T10:00:00Z"), 1);
    List<Future<SavedWorkItem>> repeats = List.of(batcher.save(keyed("2026-11-22T10:00:00Z"), 1),
        batcher.save(keyed("2026-11-22T10:00:00Z"), 1));
    // Another firing of the same alert queues on its own: its key is compared with the stored one.
    Future<SavedWorkItem> refired = batcher.save(keyed("2026-11-22T11:00:00Z"), 1);
    assertThat(calls).hasSize(2);
    calls.get(0).result().complete(committed(false, 1, 1));
    assertThat(first.result().occurrenceCount()).isEqualTo(1);
    assertThat(calls).hasSize(3);
    assertThat(calls.get(2).occurrences()).as("one firing, counted at most once").isEqualTo(1);
    // The stored key is the same firing's: the transaction added nothing.
    calls.get(2).result().complete(committed(true, 1, 0));
    assertThat(repeats.stream().map(f -> f.result().occurrenceCount())).containsExactly(1, 1);
    assertThat(repeats).allMatch(f -> f.result().merged());
    calls.get(1).result().complete(committed(true, 2, 1));
    assertThat(refired.result().occurrenceCount()).isEqualTo(2);
    assertThat(flushed).extracting(OccurrenceBatcher.Flushed::occurrences).containsExactly(1, 0, 1);
  }
}
