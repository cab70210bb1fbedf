package io.intake.persistence;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit for independent writes (outcomes of many items): while one transaction is in flight,
 * later requests wait, and the next transaction carries all of them (up to a limit). Each caller
 * is answered only after the transaction that holds its write has committed.
 *
 * <p>Failures stay with their owners. A request the transaction refused on its own (an unknown
 * item) is that request's failure alone. When a statement fails the transaction is rolled back
 * ({@link RolledBack}) and nothing was written, so each request it carried is tried again in a
 * transaction of its own: a poisoned request fails only its caller. When the commit itself fails
 * the outcome is unknown, and exactly the callers that commit carried are failed.
 *
 * <p>Not thread-safe: owned by one verticle instance, used on its event loop.
 *
 * @param <C> a request
 * @param <R> its answer
 */
final class GroupCommit<C, R> {

  /** One transaction over the requests: one answer per request, in order, or the transaction's failure. */
  @FunctionalInterface
  interface Transaction<C, R> {
    Future<List<Future<R>>> run(List<C> requests);
  }

  /** The transaction did not commit because a statement failed: nothing it carried was written. */
  static final class RolledBack extends RuntimeException {
    RolledBack(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  private record Waiter<C, R>(C request, Promise<R> answer) {
  }

  private final Transaction<C, R> transaction;
  private final int maxPerTransaction;
  private List<Waiter<C, R>> waiting = new ArrayList<>();
  private boolean flushing;
  private long transactions;
  private long requests;

  GroupCommit(Transaction<C, R> transaction, int maxPerTransaction) {
    this.transaction = transaction;
    this.maxPerTransaction = Math.max(1, maxPerTransaction);
  }

  Future<R> submit(C request) {
    Promise<R> answer = Promise.promise();
    waiting.add(new Waiter<>(request, answer));
    if (!flushing) {
      flush();
    }
    return answer.future();
  }

  /** Transactions run so far (isolation retries included). */
  long transactions() {
    return transactions;
  }

  /** Requests carried so far. */
  long requests() {
    return requests;
  }

  private void flush() {
    List<Waiter<C, R>> batch;
    if (waiting.size() <= maxPerTransaction) {
      batch = waiting;
      waiting = new ArrayList<>();
    } else {
      batch = new ArrayList<>(waiting.subList(0, maxPerTransaction));
      waiting = new ArrayList<>(waiting.subList(maxPerTransaction, waiting.size()));
    }
    flushing = true;
    requests += batch.size();
    run(batch).onComplete(done -> {
      flushing = false;
      if (!waiting.isEmpty()) {
        flush();
      }
    });
  }

  /** Runs one transaction for the batch and answers its callers; completes when they are answered. */
  private Future<Void> run(List<Waiter<C, R>> batch) {
    transactions++;
    List<C> requests = new ArrayList<>(batch.size());
    batch.forEach(w -> requests.add(w.request()));
    Future<List<Future<R>>> committed;
    try {
      committed = transaction.run(requests);
    } catch (RuntimeException e) {
      committed = Future.failedFuture(e);
    }
    return committed.transform(done -> {
      if (done.succeeded()) {
        List<Future<R>> answers = done.result();
        for (int i = 0; i < batch.size(); i++) {
          answers.get(i).onComplete(batch.get(i).answer());
        }
        return Future.<Void>succeededFuture();
      }
      if (done.cause() instanceof RolledBack && batch.size() > 1) {
        List<Future<Void>> alone = new ArrayList<>(batch.size());
        for (Waiter<C, R> w : batch) {
          alone.add(run(List.of(w)));
        }
        return Future.join(alone).<Void>mapEmpty();
      }
      Throwable cause = done.cause() instanceof RolledBack r ? r.getCause() : done.cause();
      batch.forEach(w -> w.answer().fail(cause));
      return Future.<Void>succeededFuture();
    });
  }
}
