package io.intake.ops;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether this process is shutting down, as every HTTP instance sees it: from {@link #begin} on
 * readiness answers 503 and responses close their connection; from {@link #refusing} on new
 * requests are answered 503. Also counts the requests being handled, which the shutdown waits for.
 * Kept per Vert.x instance (tests run several in one JVM).
 */
public final class Drain implements Shareable {

  private static final String MAP = "intake.drain";
  private static final long NOT_YET = Long.MAX_VALUE;

  private volatile long refuseFromNanos = NOT_YET;
  private volatile boolean draining;
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong servedWhileDraining = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  private Drain() {
  }

  public static Drain of(Vertx vertx) {
    return vertx.sharedData().<String, Drain>getLocalMap(MAP).computeIfAbsent("drain", k -> new Drain());
  }

  /** Not ready from now on; new requests refused from {@code refuseAfterMs} on. */
  public void begin(long refuseAfterMs) {
    refuseFromNanos = System.nanoTime() + refuseAfterMs * 1_000_000;
    draining = true;
  }

  public boolean draining() {
    return draining;
  }

  public boolean refusing() {
    return draining && System.nanoTime() - refuseFromNanos >= 0;
  }

  /** A request is being handled (answer it, then call {@link #ended} once). */
  public void started() {
    inFlight.incrementAndGet();
    if (draining) {
      servedWhileDraining.incrementAndGet();
    }
  }

  public void ended() {
    inFlight.decrementAndGet();
  }

  public void refused() {
    refused.incrementAndGet();
  }

  public long inFlight() {
    return inFlight.get();
  }

  /** Requests that began after {@link #begin} and were served anyway (before {@link #refusing}). */
  public long servedWhileDraining() {
    return servedWhileDraining.get();
  }

  public long refusedCount() {
    return refused.get();
  }
}
