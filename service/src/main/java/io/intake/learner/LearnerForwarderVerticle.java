package io.intake.learner;

import io.intake.bus.Addresses;
import io.intake.metrics.IntakeMetrics;
import io.intake.metrics.MeterCache;
import io.intake.persistence.api.OutboxEntry;
import io.intake.persistence.api.OutcomesClient;
import io.intake.persistence.api.Settlement;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outcome outbox to {@code POST {LEARNER_SERVICE_URL}/outcomes}, at least once.
 * Claims leased batches through persistence (so several instances or members never send the same
 * entry at once, and a crashed sender's lease just expires), posts them concurrently under a
 * circuit breaker, and settles each: 2xx delivered; 408/429/5xx/timeouts/refusals retried with
 * backoff and jitter (never before Retry-After); other 4xx parked as dead letters for replay.
 * Entries carry the same event_id on every attempt, so the Learner can de-duplicate.
 */
public class LearnerForwarderVerticle extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(LearnerForwarderVerticle.class);

  private String endpoint;
  private WebClient client;
  private CircuitBreaker breaker;
  private Backoff backoff;
  private int batchSize;
  private int leaseSeconds;
  private long requestTimeoutMs;
  private boolean draining;
  private boolean lookAgain;
  private String leaseOwner;
  private OutcomesClient outcomes;
  private MeterRegistry registry;
  private MeterCache<Timer> deliveryTimers;

  private long delivered;
  private long failedAttempts;
  private long deadLettered;
  private long breakerOpened;
  private String lastError;
  private String lastDeliveryAt;

  @Override
  public void start() {
    LearnerSettings conf = LearnerSettings.fromJson(config());
    outcomes = new OutcomesClient(vertx);
    registry = IntakeMetrics.registry(vertx);
    deliveryTimers = new MeterCache<>(tags -> Timer.builder("intake.learner.delivery.duration")
        .description("One delivery attempt of an outbox entry to the Learner (a refusal by the open breaker included)")
        .tag("outcome", tags.get(0))
        .register(registry));
    vertx.eventBus().<JsonObject>consumer(Addresses.LEARNER_STATUS, this::status);
    String url = conf.url();
    if (url == null || url.isBlank()) {
      LOG.warn("LEARNER_SERVICE_URL is not set: outcomes wait in the outbox until it is");
      return;
    }
    endpoint = url.replaceAll("/+$", "") + "/outcomes";
    batchSize = conf.batchSize();
    requestTimeoutMs = conf.requestTimeoutMs();
    int concurrency = conf.concurrency();
    // A lease must outlive the slowest possible round (every request timing out), or a second
    // forwarder could claim an entry that is still in flight.
    long worstRoundSeconds = ((batchSize + concurrency - 1) / concurrency) * requestTimeoutMs * 2 / 1000 + 1;
    leaseSeconds = (int) Math.max(conf.leaseSeconds(), worstRoundSeconds);
    backoff = new Backoff(conf.backoffBaseMs(), conf.backoffMaxMs());
    client = WebClient.create(vertx, new WebClientOptions()
        .setMaxPoolSize(concurrency)
        .setConnectTimeout((int) requestTimeoutMs)
        .setKeepAlive(true)
        .setUserAgent("intake-learner-forwarder"));
    breaker = CircuitBreaker.create("learner", vertx, new CircuitBreakerOptions()
            .setMaxFailures(conf.breakerMaxFailures())
            .setResetTimeout(conf.breakerResetTimeoutMs())
            .setTimeout(-1) // the request's own timeout applies
            .setNotificationAddress(null))
        .openHandler(v -> {
          breakerOpened++;
          Counter.builder("intake.breaker.opened").description("Times a circuit breaker opened")
              .tag("breaker", "learner").register(registry).increment();
          LOG.warn("Learner circuit opened after repeated failures ({})", lastError);
        })
        .halfOpenHandler(v -> LOG.info("Learner circuit half-open: probing"))
        .closeHandler(v -> LOG.info("Learner circuit closed: delivering"));

    String nodeId = conf.nodeId();
    // Not configuration: MainVerticle hands every instance of this run the same owner.
    leaseOwner = config().getString("lease_owner", nodeId == null ? null : NodeIdentity.leaseOwner(nodeId));
    vertx.setPeriodic(conf.pollIntervalMs(), id -> drain());
    // A new outcome is a reason to look now rather than at the next tick. A cluster-wide consumer:
    // the persistence that recorded it may run on another member.
    vertx.eventBus().<JsonObject>consumer(Addresses.OUTCOME_RECORDED, m -> drain());
    LOG.info("forwarding outcomes to {} (lease owner {})", endpoint, leaseOwner);
    reclaimEarlierLeases().onComplete(v -> drain());
  }

  /**
   * After a crash this node's previous run leaves leases nobody will settle; waiting for them to
   * expire would hold those outcomes back for a whole lease. The node knows its own (see
   * {@link NodeIdentity}) and takes them back at once.
   */
  private Future<Void> reclaimEarlierLeases() {
    String nodeId = config().getString("node_id");
    if (nodeId == null || leaseOwner == null) {
      return Future.succeededFuture();
    }
    return outcomes.reclaim(nodeId, leaseOwner)
        .onSuccess(released -> {
          if (released > 0) {
            LOG.info("took back {} outbox leases of this node's previous run", released);
          }
        })
        .onFailure(e -> LOG.warn("leases of the previous run not taken back ({}); they expire on their own", e.getMessage()))
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture());
  }

  /**
   * One round at a time per instance; a full batch means more may be waiting, so go again, and so
   * does a reason to look that came during the round (an outcome recorded after the claim would
   * otherwise wait for the next poll).
   */
  private void drain() {
    if (breaker.state() == CircuitBreakerState.OPEN) {
      return;
    }
    if (draining) {
      lookAgain = true;
      return;
    }
    draining = true;
    lookAgain = false;
    int limit = breaker.state() == CircuitBreakerState.HALF_OPEN ? 1 : batchSize;
    outcomes.claim(limit, leaseSeconds, leaseOwner)
        .compose(entries -> deliverAll(entries).map(v -> entries.size() == limit))
        .onComplete(round -> {
          draining = false;
          if (round.failed()) {
            LOG.warn("outbox round failed: {}", round.cause().toString());
          } else if (round.result() || lookAgain) {
            vertx.runOnContext(v -> drain());
          }
        });
  }

  private Future<Void> deliverAll(List<OutboxEntry> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Object>> sends = new ArrayList<>(entries.size());
    for (OutboxEntry entry : entries) {
      sends.add(deliver(entry));
    }
    return Future.join(sends).transform(all -> {
      List<Long> ok = new ArrayList<>();
      List<Settlement.Retry> retry = new ArrayList<>();
      List<Settlement.Dead> dead = new ArrayList<>();
      for (Future<Object> send : sends) {
        Object result = send.result();
        if (result instanceof Settlement.Retry r) {
          retry.add(r);
        } else if (result instanceof Settlement.Dead d) {
          dead.add(d);
        } else {
          ok.add((Long) result);
        }
      }
      return outcomes.settle(new Settlement(ok, retry, dead)).<Void>mapEmpty();
    });
  }

  /** Never fails: the id (delivered), a {@link Settlement.Retry} or a {@link Settlement.Dead}. */
  private Future<Object> deliver(OutboxEntry entry) {
    Timer.Sample sample = Timer.start(registry);
    return attempt(entry).onSuccess(settled -> sample.stop(deliveryTimers.get(
        settled instanceof Settlement.Dead ? "dead" : settled instanceof Settlement.Retry ? "retry" : "delivered")));
  }

  private Future<Object> attempt(OutboxEntry entry) {
    long id = entry.id();
    Future<HttpResponse<Buffer>> sent = breaker.execute(attempt -> client.postAbs(endpoint)
        .timeout(requestTimeoutMs)
        .putHeader("Idempotency-Key", entry.eventId())
        .sendJsonObject(entry.payload())
        .onSuccess(response -> {
          if (retryable(response.statusCode())) {
            attempt.fail(new RetryableResponse(response));
          } else {
            attempt.complete(response);
          }
        })
        .onFailure(attempt::fail));
    return sent.map(response -> {
      if (response.statusCode() / 100 == 2) {
        delivered++;
        lastDeliveryAt = Instant.now().toString();
        return (Object) id;
      }
      deadLettered++;
      String reason = "HTTP " + response.statusCode() + ": " + abbreviate(response.bodyAsString());
      LOG.warn("outbox entry {} (event {}) dead-lettered: {}", id, entry.eventId(), reason);
      return new Settlement.Dead(id, reason);
    }).otherwise(error -> {
      failedAttempts++;
      lastError = describe(error);
      long retryAfter = error instanceof RetryableResponse r
          ? Backoff.retryAfterMs(r.response.getHeader("Retry-After"), Instant.now()).orElse(0)
          : 0;
      long delay = backoff.delayMs(entry.attempts(), retryAfter, ThreadLocalRandom.current().nextDouble());
      return new Settlement.Retry(id, delay, lastError);
    });
  }

  /** 408 and 429 are the Learner asking us to come back; 5xx is the Learner failing. Other 4xx: our entry is the problem. */
  static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500 || status < 200;
  }

  private static String describe(Throwable error) {
    if (error instanceof RetryableResponse r) {
      return "HTTP " + r.response.statusCode();
    }
    if (error instanceof TimeoutException || error instanceof io.netty.handler.timeout.TimeoutException) {
      return "timeout";
    }
    String message = error.getMessage();
    return abbreviate(message == null ? error.getClass().getSimpleName() : message);
  }

  private static String abbreviate(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  private void status(Message<JsonObject> message) {
    message.reply(new JsonObject()
        .put("url_configured", endpoint != null)
        .put("breaker", breaker == null ? "disabled" : breaker.state().name().toLowerCase())
        .put("breaker_opened_total", breakerOpened)
        .put("delivered_total", delivered)
        .put("failed_attempts_total", failedAttempts)
        .put("dead_lettered_total", deadLettered)
        .put("last_delivery_at", lastDeliveryAt)
        .put("last_error", lastError));
  }

  /** A Learner answer that means "try again later". */
  static final class RetryableResponse extends RuntimeException {
    final transient HttpResponse<Buffer> response;

    RetryableResponse(HttpResponse<Buffer> response) {
      super("HTTP " + response.statusCode(), null, false, false);
      this.response = response;
    }
  }
}
