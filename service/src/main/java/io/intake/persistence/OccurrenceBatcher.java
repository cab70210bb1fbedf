package io.intake.persistence;

import io.intake.model.WorkItemDraft;
import io.intake.persistence.api.SavedWorkItem;
import io.intake.persistence.api.WorkItem;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Group commit for saves that merge by identity (a duplicate storm): while one transaction for a
 * fingerprint is in flight, later saves of the same fingerprint wait, and the next transaction
 * records all of them at once ({@code occurrence_count + n}). Each caller is answered only after
 * the transaction that counted it has committed, so an acknowledged repeat is never lost; a failed
 * transaction fails every caller it carried. One transaction per fingerprint is in flight at a
 * time, which is what the advisory lock enforced anyway — the waiting now happens here, in
 * memory, instead of one commit per request behind the lock.
 *
 * <p>Not thread-safe: owned by one verticle instance, used on its event loop.
 */
final class OccurrenceBatcher {

  /** One transaction's outcome, for the events the owner publishes. */
  record Flushed(WorkItem item, boolean inserted, int requests, int occurrences) {
  }

  private record Waiter(WorkItemDraft draft, int occurrences, Promise<SavedWorkItem> answer) {
  }

  private static final class Lane {
    List<Waiter> waiting = new ArrayList<>();
    boolean flushing;
  }

  private final BiFunction<WorkItemDraft, Integer, Future<WorkItemRepository.Stored>> save;
  private final int maxRequestsPerFlush;
  private final Consumer<Flushed> onFlushed;
  private final Map<String, Lane> lanes = new HashMap<>();
  private final List<Promise<Void>> idleWaiters = new ArrayList<>();

  /**
   * @param save      one transaction: stores the draft with the given occurrences or merges them
   *                  into its open twin ({@link WorkItemRepository#save})
   * @param onFlushed called once per committed transaction, before its callers are answered
   */
  OccurrenceBatcher(BiFunction<WorkItemDraft, Integer, Future<WorkItemRepository.Stored>> save, int maxRequestsPerFlush,
      Consumer<Flushed> onFlushed) {
    this.save = save;
    this.maxRequestsPerFlush = Math.max(1, maxRequestsPerFlush);
    this.onFlushed = onFlushed;
  }

  /** Answers like {@link WorkItemRepository#save}; the count and merged flag are this caller's own. */
  Future<SavedWorkItem> save(WorkItemDraft draft, int occurrences) {
    String key = draft.identity().fingerprint() + '|' + draft.identity().window() + '|' + draft.occurrenceKey();
    Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
    Promise<SavedWorkItem> answer = Promise.promise();
    lane.waiting.add(new Waiter(draft, occurrences, answer));
    if (!lane.flushing) {
      flush(key, lane);
    }
    return answer.future();
  }

  /** Identities with a transaction in flight or callers waiting. */
  int lanes() {
    return lanes.size();
  }

  /** Completes once no transaction is in flight and nobody waits (at once when idle). */
  Future<Void> idle() {
    if (lanes.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> idle = Promise.promise();
    idleWaiters.add(idle);
    return idle.future();
  }

  private void flush(String key, Lane lane) {
    List<Waiter> batch;
    if (lane.waiting.size() <= maxRequestsPerFlush) {
      batch = lane.waiting;
      lane.waiting = new ArrayList<>();
    } else {
      batch = new ArrayList<>(lane.waiting.subList(0, maxRequestsPerFlush));
      lane.waiting = new ArrayList<>(lane.waiting.subList(maxRequestsPerFlush, lane.waiting.size()));
    }
    lane.flushing = true;
    boolean keyed = batch.get(0).draft().occurrenceKey() != null;
    int total = 0;
    for (Waiter w : batch) {
      total += w.occurrences();
    }
    // One firing: the repeats in the same batch are re-notifications of it.
    int occurrences = keyed ? batch.get(0).occurrences() : total;
    save.apply(batch.get(0).draft(), occurrences).onComplete(done -> {
      if (done.succeeded()) {
        answer(batch, done.result(), keyed);
      } else {
        batch.forEach(w -> w.answer().fail(done.cause()));
      }
      lane.flushing = false;
      if (lane.waiting.isEmpty()) {
        lanes.remove(key);
        if (lanes.isEmpty() && !idleWaiters.isEmpty()) {
          List<Promise<Void>> waiters = new ArrayList<>(idleWaiters);
          idleWaiters.clear();
          waiters.forEach(Promise::complete);
        }
      } else {
        flush(key, lane);
      }
    });
  }

  /**
   * Hands each caller the count as if the batch had been applied one request at a time in arrival
   * order: the first of a batch that created the item is the creator; everyone else merged. In a
   * keyed batch only the first request can have added anything.
   */
  private void answer(List<Waiter> batch, WorkItemRepository.Stored stored, boolean keyed) {
    SavedWorkItem saved = stored.saved();
    int added = stored.added();
    boolean inserted = !saved.merged();
    onFlushed.accept(new Flushed(stored.item(), inserted, batch.size(), added));
    int count = saved.occurrenceCount() - added;
    for (int i = 0; i < batch.size(); i++) {
      Waiter w = batch.get(i);
      count += keyed ? (i == 0 ? added : 0) : w.occurrences();
      w.answer().complete(new SavedWorkItem(saved.workItemId(), saved.createdAt(), count, !(inserted && i == 0)));
    }
  }
}
