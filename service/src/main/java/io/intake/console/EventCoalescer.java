package io.intake.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * Collects live events between two pushes to the console: events of the same key (one work
 * item) are merged into one, so a storm of repeats of one incident costs one row update per
 * push; beyond {@code maxKeys} distinct keys the batch only says it overflowed (the browser then
 * reloads its page instead of patching it). Pure; not thread-safe (one event loop owns it).
 *
 * @param <T> the event type
 */
public final class EventCoalescer<T> {

  /** What one push carries: the merged events in arrival order of their keys. */
  public record Batch<T>(List<T> events, boolean overflow, long received) {
    public boolean isEmpty() {
      return events.isEmpty() && !overflow;
    }
  }

  private final int maxKeys;
  private final BinaryOperator<T> merge;
  private final Map<String, T> pending = new LinkedHashMap<>();
  private boolean overflow;
  private long received;

  /**
   * @param maxKeys distinct keys kept per batch
   * @param merge   (earlier, later) → the one event that says both
   */
  public EventCoalescer(int maxKeys, BinaryOperator<T> merge) {
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be positive");
    }
    this.maxKeys = maxKeys;
    this.merge = merge;
  }

  public void offer(String key, T event) {
    received++;
    T earlier = pending.get(key);
    if (earlier != null) {
      pending.put(key, merge.apply(earlier, event));
    } else if (pending.size() < maxKeys) {
      pending.put(key, event);
    } else {
      overflow = true;
    }
  }

  /** The batch so far; starts the next one. */
  public Batch<T> drain() {
    Batch<T> batch = new Batch<>(new ArrayList<>(pending.values()), overflow, received);
    pending.clear();
    overflow = false;
    received = 0;
    return batch;
  }
}
