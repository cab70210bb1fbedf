package io.intake.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts this process's ERROR log events over the last five minutes, for {@code /healthz}
 * ({@code errors_last_5m}): an appender in {@code logback.xml} beside the console one, so
 * every error the process logs counts, whoever logs it. Ten-second buckets in a ring: the window
 * is five minutes to within ten seconds, at a fixed cost per event.
 */
public final class RecentErrors extends AppenderBase<ILoggingEvent> {

  static final long BUCKET_MS = 10_000;
  static final int BUCKETS = 30;
  /** Per bucket: the bucket's start (its epoch index) and its count. */
  private static final AtomicLongArray EPOCHS = new AtomicLongArray(BUCKETS);
  private static final AtomicLongArray COUNTS = new AtomicLongArray(BUCKETS);

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
      record(event.getTimeStamp());
    }
  }

  static void record(long atMillis) {
    long epoch = atMillis / BUCKET_MS;
    int slot = (int) (epoch % BUCKETS);
    long seen = EPOCHS.get(slot);
    if (seen != epoch && EPOCHS.compareAndSet(slot, seen, epoch)) {
      COUNTS.set(slot, 0);
    }
    COUNTS.incrementAndGet(slot);
  }

  /** Errors logged in the last five minutes (ending {@code nowMillis}). */
  public static long lastFiveMinutes(long nowMillis) {
    long newest = nowMillis / BUCKET_MS;
    long total = 0;
    for (int slot = 0; slot < BUCKETS; slot++) {
      long epoch = EPOCHS.get(slot);
      if (epoch > newest - BUCKETS && epoch <= newest) {
        total += COUNTS.get(slot);
      }
    }
    return total;
  }
}
