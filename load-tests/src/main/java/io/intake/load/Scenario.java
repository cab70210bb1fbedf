package io.intake.load;

import io.vertx.core.Future;

/** A kind of traffic: what to send next and what counts as done. Called from generator contexts. */
public interface Scenario {

  String name();

  /** What {@link LoadRequest#units()} counts: items, events, lines, requests, outcomes. */
  String unit();

  /** Looks up what the requests need (ids of existing items…) before the clock starts. */
  default Future<Void> prepare(LoadTarget target) {
    return Future.succeededFuture();
  }

  /** The n-th request of the run (n counts from 0 across all generators). */
  LoadRequest next(long n);

  /** Whether an answer with this status did what the scenario asked. */
  default boolean ok(int status) {
    return status >= 200 && status < 300;
  }
}
