package io.intake.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each open connection must have made progress (idle, half-sent-header
 * and half-sent-body connections used to stay open forever and ~20,000 of them exhausted the file
 * descriptors). A connection is always in one phase:
 * <ul>
 *   <li>{@link Phase#HEADERS}: waiting for a request's headers; they must be complete within
 *       {@code headerMs} of opening, or within {@code idleMs} of the previous response (an idle
 *       keep-alive connection and a slowloris trickling its next request are the same to us);</li>
 *   <li>{@link Phase#BODY}: headers in, the body must be complete within {@code bodyMs};</li>
 *   <li>{@link Phase#HANDLING}: the request is ours; no deadline (bus timeouts bound it).</li>
 * </ul>
 * Plain logic on a caller-supplied clock; the Vert.x glue ({@link SlowClientGuard}) feeds it events
 * and closes what {@link #expired} returns. One instance per event loop: not thread-safe.
 *
 * @param <C> the connection
 */
final class ConnectionDeadlines<C> {

  enum Phase { HEADERS, BODY, HANDLING }

  record Limits(long headerMs, long bodyMs, long idleMs) {
  }

  record Expired<C>(C connection, Phase phase) {
  }

  private static final class State {
    Phase phase;
    long deadline;
  }

  private final Limits limits;
  private final Map<C, State> open = new HashMap<>();

  ConnectionDeadlines(Limits limits) {
    this.limits = limits;
  }

  void opened(C connection, long now) {
    State state = new State();
    state.phase = Phase.HEADERS;
    state.deadline = now + limits.headerMs();
    open.put(connection, state);
  }

  void requestStarted(C connection, long now) {
    move(connection, Phase.BODY, now + limits.bodyMs());
  }

  void requestRead(C connection) {
    move(connection, Phase.HANDLING, Long.MAX_VALUE);
  }

  void responded(C connection, long now) {
    move(connection, Phase.HEADERS, now + limits.idleMs());
  }

  void closed(C connection) {
    open.remove(connection);
  }

  Phase phase(C connection) {
    State state = open.get(connection);
    return state == null ? null : state.phase;
  }

  int size() {
    return open.size();
  }

  /** Connections past their deadline; they are forgotten (the caller closes them). */
  List<Expired<C>> expired(long now) {
    List<Expired<C>> out = new ArrayList<>();
    open.entrySet().removeIf(entry -> {
      if (entry.getValue().deadline <= now) {
        out.add(new Expired<>(entry.getKey(), entry.getValue().phase));
        return true;
      }
      return false;
    });
    return out;
  }

  private void move(C connection, Phase phase, long deadline) {
    State state = open.get(connection);
    if (state != null) {
      state.phase = phase;
      state.deadline = deadline;
    }
  }
}
