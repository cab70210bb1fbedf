package io.intake.persistence;

import io.intake.bus.Failure;
import io.vertx.core.VertxException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Database errors as bus failures: a broken or unreachable server is UNAVAILABLE (the client may
 * retry), a value it refuses (SQLSTATE class 22) is INVALID, another statement PostgreSQL rejected
 * is INTERNAL (our bug), a unique violation is CONFLICT.
 */
final class SqlFailures {

  static final String UNIQUE_VIOLATION = "23505";

  private SqlFailures() {
  }

  static boolean isUniqueViolation(Throwable error) {
    return error instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }

  static ReplyException toReply(Throwable error) {
    if (error instanceof ReplyException reply) {
      return reply;
    }
    if (error instanceof PgException pg) {
      String state = pg.getSqlState() == null ? "" : pg.getSqlState();
      if (state.equals(UNIQUE_VIOLATION)) {
        return Failure.CONFLICT.exception("already exists");
      }
      // 22: data exception (22021 bad byte, 22P05 bad escape in jsonb, 22003 out of range,
      // 22007/22008 bad date): the request carried a value PostgreSQL refuses. The edge should
      // have refused it first (TextPolicy, schemas); if one gets through, it is still the
      // client's input, never a 500. PostgreSQL's own text may quote the value: not passed on.
      if (state.startsWith("22")) {
        return Failure.INVALID.exception("a value in the request was refused by the database (SQLSTATE " + state + ")");
      }
      // 08: connection exception, 53: insufficient resources, 57P: operator intervention
      if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) {
        return Failure.UNAVAILABLE.exception("database unavailable");
      }
      return Failure.INTERNAL.exception("database error");
    }
    if (isConnectivity(error)) {
      return Failure.UNAVAILABLE.exception("database unavailable");
    }
    // Anything else (a parameter we could not encode, …) is our bug, not an outage.
    return Failure.INTERNAL.exception("database error");
  }

  /** Connection refused or lost, connect timeouts, no free connection in time: the server is not there. */
  static boolean isConnectivity(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof ClosedConnectionException || t instanceof TimeoutException
          || (t instanceof VertxException && String.valueOf(t.getMessage()).startsWith("Timeout"))) {
        return true;
      }
    }
    return false;
  }
}
