package io.intake;

import io.intake.ops.Drain;
import io.intake.ops.Liveness;
import io.intake.ops.ShutdownSettings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the process ends when asked to (SIGTERM, Ctrl-C, {@code System.exit}): not ready at once;
 * requests still served for {@code shutdown.refuse_after_ms}, then refused (503); the requests
 * in flight answered; then the roles undeployed in the reverse of their deployment order, so each
 * finishes its work while what it depends on still runs (producers, then the pattern miner, which
 * saves its counts, then normalization, enrichment, which lets its running passes end, its stages,
 * the Learner forwarder, persistence, whose group commits finish); last the embedded PostgreSQL.
 * One log line per phase with its duration. All of it within {@code shutdown.timeout_ms}: past
 * it, what still runs is named in the log and abandoned (its work is redone or resumed at the
 * next start, see docs/operations.md), the database is stopped and the process exits anyway.
 */
final class GracefulShutdown {

  private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
  /** How often the requests in flight are counted while waiting for them. */
  private static final long POLL_MS = 10;

  private final Vertx vertx;
  private final ShutdownSettings settings;
  private final MainVerticle main;
  private final AtomicBoolean begun = new AtomicBoolean();
  private final CompletableFuture<Boolean> finished = new CompletableFuture<>();
  private volatile boolean serving;

  GracefulShutdown(Vertx vertx, ShutdownSettings settings, MainVerticle main) {
    this.vertx = vertx;
    this.settings = settings;
    this.main = main;
  }

  /** The main verticle has started: from now on a shutdown drains instead of only closing. */
  void serving() {
    serving = true;
  }

  /**
   * Runs the shutdown (once; a second caller waits for the same one) and waits for it.
   *
   * @return true when everything finished, false when something was abandoned at the timeout
   */
  boolean runAndWait() {
    if (begun.compareAndSet(false, true)) {
      vertx.runOnContext(v -> run().onComplete(ar -> {
        boolean complete = ar.succeeded() && ar.result();
        // Closing Vert.x ends the event loops the steps above ran on: nothing is chained after it.
        vertx.close().onComplete(closed -> finished.complete(complete));
      }));
    }
    try {
      // A little past the timeout: the run itself gives up at it, this only guards a stuck close.
      return finished.get(settings.timeoutMs() + 2000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.error("shutdown: not finished {} ms after it began; exiting anyway", settings.timeoutMs() + 2000);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      LOG.error("shutdown failed", e);
      return false;
    }
  }

  private Future<Boolean> run() {
    long began = System.nanoTime();
    long deadline = began + TimeUnit.MILLISECONDS.toNanos(settings.timeoutMs());
    // The database and the close get the last part of the budget even when a drain phase used all of its own.
    long reserveMs = Math.min(5000, settings.timeoutMs() / 4);
    long drainDeadline = deadline - TimeUnit.MILLISECONDS.toNanos(reserveMs);
    String fatal = Liveness.failure(vertx);
    if (!serving || fatal != null) {
      // Not started, or a part it cannot work without is gone: there is nothing to drain into.
      if (fatal != null) {
        LOG.info("shutdown: {}; closing without draining", fatal);
      } else {
        // A failed start has already said its one line.
        LOG.debug("shutdown: start-up did not finish; closing without draining");
      }
      // The main verticle's own stop never runs when its start has not finished (a signal while
      // the model loads): the embedded PostgreSQL it started would outlive this process.
      return within(main.stopDatabase(), deadline).map(stopped -> true).recover(e -> Future.succeededFuture(false));
    }
    LOG.info("shutdown: not ready from now; serving requests for {} ms more, then refusing new ones (timeout {} ms)",
        settings.refuseAfterMs(), settings.timeoutMs());
    Drain drain = Drain.of(vertx);
    drain.begin(settings.refuseAfterMs());
    List<String> abandoned = new ArrayList<>();
    List<List<MainVerticle.Deployed>> roles = rolesInReverse(main.deployed());

    Future<Void> steps = Future.succeededFuture();
    for (List<MainVerticle.Deployed> role : roles) {
      String name = role.get(0).role();
      steps = steps.compose(v -> {
        if (!abandoned.isEmpty()) {
          abandoned.add(name);
          return Future.succeededFuture();
        }
        Future<Void> before = name.equals("http") ? drainRequests(drain, drainDeadline, abandoned) : Future.succeededFuture();
        return before.compose(x -> abandoned.isEmpty() ? undeploy(role, drainDeadline, abandoned) : skip(name, abandoned));
      });
    }
    return steps
        .compose(v -> {
          long start = System.nanoTime();
          return within(main.stopDatabase(), deadline)
              .onSuccess(stopped -> {
                if (stopped) {
                  LOG.info("shutdown: embedded PostgreSQL stopped in {} ms", millisSince(start));
                }
              })
              .<Void>mapEmpty()
              .recover(e -> {
                abandoned.add("the embedded PostgreSQL (" + e.getMessage() + "; stopped at the next start)");
                return Future.succeededFuture();
              });
        })
        .map(v -> {
          if (abandoned.isEmpty()) {
            LOG.info("shutdown: complete in {} ms", millisSince(began));
            return true;
          }
          LOG.warn("shutdown: gave up waiting after {} ms (timeout {} ms, its last {} ms kept for the database);"
              + " abandoned: {}", millisSince(began), settings.timeoutMs(), reserveMs, String.join("; ", abandoned));
          return false;
        });
  }

  /** Serves on until refusing, then waits for every request being handled to be answered. */
  private Future<Void> drainRequests(Drain drain, long deadline, List<String> abandoned) {
    long start = System.nanoTime();
    Promise<Void> grace = Promise.promise();
    if (settings.refuseAfterMs() > 0) {
      vertx.setTimer(settings.refuseAfterMs(), t -> grace.complete());
    } else {
      grace.complete();
    }
    return grace.future().compose(v -> {
      long refusing = System.nanoTime();
      Promise<Void> idle = Promise.promise();
      long timer = vertx.setPeriodic(1, POLL_MS, t -> {
        if (drain.inFlight() <= 0) {
          vertx.cancelTimer(t);
          idle.tryComplete();
        }
      });
      return within(idle.future(), deadline)
          .onSuccess(x -> LOG.info("shutdown: requests drained in {} ms ({} served since the signal, {} refused;"
                  + " none in flight {} ms after refusing began)", millisSince(start), drain.servedWhileDraining(),
              drain.refusedCount(), millisSince(refusing)))
          .recover(e -> {
            vertx.cancelTimer(timer);
            abandoned.add("HTTP requests still being handled: " + drain.inFlight());
            return Future.succeededFuture();
          });
    });
  }

  private Future<Void> undeploy(List<MainVerticle.Deployed> role, long deadline, List<String> abandoned) {
    long start = System.nanoTime();
    String name = role.get(0).role();
    // Instances of one role stop together; the owners of one role (persistence) in reverse order.
    Future<Void> all = Future.succeededFuture();
    for (MainVerticle.Deployed d : role) {
      all = all.compose(v -> vertx.undeploy(d.id()).recover(e -> {
        LOG.warn("shutdown: {} did not stop cleanly: {}", d.verticle(), e.getMessage());
        return Future.succeededFuture();
      }));
    }
    return within(all, deadline)
        .onSuccess(v -> LOG.info("shutdown: {} stopped in {} ms", name, millisSince(start)))
        .recover(e -> {
          abandoned.add(name + " (still stopping: " + describe(name) + ")");
          return Future.succeededFuture();
        });
  }

  private static Future<Void> skip(String role, List<String> abandoned) {
    abandoned.add(role);
    return Future.succeededFuture();
  }

  /** What an unfinished stop leaves behind, and what becomes of it. */
  private static String describe(String role) {
    return switch (role) {
      case "patterns" -> "pattern counts since the last flush are lost";
      case "enrichment" -> "passes in flight resume from their last stored stage at the next start";
      case "persistence" -> "uncommitted transactions roll back; their requests were not answered";
      default -> "its in-memory work is dropped";
    };
  }

  /** Consecutive deployments of one role, last deployed first. */
  private static List<List<MainVerticle.Deployed>> rolesInReverse(List<MainVerticle.Deployed> deployed) {
    List<List<MainVerticle.Deployed>> roles = new ArrayList<>();
    for (int i = deployed.size() - 1; i >= 0; i--) {
      MainVerticle.Deployed d = deployed.get(i);
      if (roles.isEmpty() || !roles.get(roles.size() - 1).get(0).role().equals(d.role())) {
        roles.add(new ArrayList<>());
      }
      roles.get(roles.size() - 1).add(d);
    }
    return roles;
  }

  /** {@code future}, or a failure once the deadline passes. */
  private <T> Future<T> within(Future<T> future, long deadlineNanos) {
    long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    if (future.isComplete()) {
      return future;
    }
    if (left <= 0) {
      return Future.failedFuture(new TimeoutException("no time left"));
    }
    Promise<T> bounded = Promise.promise();
    long timer = vertx.setTimer(left, t -> bounded.tryFail(new TimeoutException("timed out after " + left + " ms")));
    future.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        bounded.tryComplete(ar.result());
      } else {
        bounded.tryFail(ar.cause());
      }
    });
    return bounded.future();
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }
}
