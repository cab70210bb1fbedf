package io.intake.persistence.api;

import io.intake.bus.Addresses;

/** The two queues of Kafka records kept in PostgreSQL, with the addresses of their owner. */
public enum RelayQueue {

  /** Ingest batches the broker did not acknowledge in time. */
  STREAM_FALLBACK(Addresses.STREAM_FALLBACK_TAKE, Addresses.STREAM_FALLBACK_REMOVE, Addresses.STREAM_FALLBACK_DEPTH),
  /** Work-item and outcome events, written by triggers in the transaction of the change. */
  EVENT_OUTBOX(Addresses.EVENT_OUTBOX_TAKE, Addresses.EVENT_OUTBOX_REMOVE, Addresses.EVENT_OUTBOX_DEPTH);

  private final String take;
  private final String remove;
  private final String depth;

  RelayQueue(String take, String remove, String depth) {
    this.take = take;
    this.remove = remove;
    this.depth = depth;
  }

  public String take() {
    return take;
  }

  public String remove() {
    return remove;
  }

  public String depth() {
    return depth;
  }
}
