package io.intake.persistence;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.bus.Failure;
import io.intake.enrichment.EnrichmentStore;
import io.intake.metrics.IntakeMetrics;
import io.intake.metrics.MeterCache;
import io.intake.ops.BackgroundPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every persistence owner has in common: the process's one PostgreSQL pool (shared by name
 * between the owners and their instances, closed when the last of them stops), and the way an
 * answer or a failure goes back on the bus ({@link SqlFailures}). Each owner registers only its
 * own addresses in {@link #register}. The schema is migrated before any owner is deployed.
 *
 * <p>Config: the {@code persistence} slice ({@link PersistenceSettings}) plus {@code connection}
 * (added by MainVerticle).
 */
public abstract class StoreVerticle extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(StoreVerticle.class);

  protected Pool pool;
  protected PersistenceSettings settings;
  private MeterRegistry registry;
  private MeterCache<Timer> timers;
  /** Set when deployed on the {@link BackgroundPool}: its threads' nice value (0: an event loop). */
  private int backgroundNice;

  @Override
  public void start() {
    settings = PersistenceSettings.fromJson(config());
    registry = IntakeMetrics.registry(vertx);
    timers = new MeterCache<>(tags -> Timer.builder("intake.persistence.duration")
        .description("A persistence request answered over the bus, from arrival to reply (the SQL included)")
        .tag("operation", tags.get(0))
        .tag("outcome", tags.get(1))
        .register(registry));
    backgroundNice = config().getInteger(BackgroundPool.NICE_KEY, 0);
    pool = sharedPool(config());
    register(vertx.eventBus());
  }

  /** Registers this owner's consumers; {@link #pool} is ready. */
  protected abstract void register(EventBus bus);

  /**
   * Work this owner accepted finishes before the pool closes (a graceful shutdown stops the
   * owners last, so callers have had their answers; this covers what they could not wait for).
   */
  @Override
  public void stop(Promise<Void> stopped) {
    quiesce().eventually(() -> pool.close()).<Void>mapEmpty().onComplete(stopped);
  }

  /** Completes when this owner has nothing in flight that the pool is needed for. */
  protected Future<Void> quiesce() {
    return Future.succeededFuture();
  }

  /**
   * One pool per process and database: the owners' handles share it (so {@code pool_size} bounds
   * the whole process's connections); the name carries the database so that a restarted server on
   * another port never gets the previous server's connections.
   */
  private Pool sharedPool(JsonObject conf) {
    DatabaseSettings db = DatabaseSettings.fromJson(conf.getJsonObject("connection"));
    return PgBuilder.pool()
        .with(new PoolOptions()
            .setShared(true)
            .setName("intake-persistence-" + db.host() + ":" + db.port() + "/" + db.database())
            .setMaxSize(settings.poolSize())
            .setMaxWaitQueueSize(settings.maxWaitQueue())
            .setConnectionTimeout(settings.poolWaitTimeoutMs())
            .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
        .connectingTo(db.connectOptions()
            .setConnectTimeout(settings.connectTimeoutMs())
            .setCachePreparedStatements(true)
            .setPipeliningLimit(settings.pipeliningLimit()))
        .using(vertx)
        .build();
  }

  /** A consumer whose handler runs with the sender's correlation id bound. */
  protected static void serve(EventBus bus, String address, Handler<Message<JsonObject>> handler) {
    bus.<JsonObject>consumer(address, Correlation.bound(handler));
  }

  /**
   * A typed consumer: the body is decoded once into the owner's request record, the handler's
   * result is the reply. A body that does not decode (missing or mistyped field) is answered
   * {@link Failure#INVALID} naming the problem, and a handler that throws is answered as a failure
   * instead of leaving the sender to time out. Each answer is timed per address
   * ({@code intake_persistence_duration_seconds}).
   */
  protected <T> void serve(EventBus bus, String address, Function<JsonObject, T> decode,
      Function<T, Future<JsonObject>> handle) {
    serve(bus, address, message -> {
      BackgroundPool.enter(backgroundNice);
      Timer.Sample sample = Timer.start(registry);
      T request;
      try {
        request = decode.apply(message.body() == null ? new JsonObject() : message.body());
      } catch (RuntimeException e) {
        message.reply(Failure.INVALID.exception(address + ": " + describe(e)));
        return;
      }
      Future<JsonObject> result;
      try {
        result = handle.apply(request);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      // Registered on first use: an address nobody asks shows no series.
      result.onComplete(done -> sample.stop(timers.get(address, done.succeeded() ? "ok" : "failed")));
      answer(message, result);
    });
  }

  private static String describe(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Enrichment starts after the commit; without a coordinator the sweeper finds the item later. */
  protected void submitForEnrichment(String id) {
    vertx.eventBus().send(Addresses.ENRICH_SUBMIT, new EnrichmentStore.Ids(List.of(id)).toJson());
  }


  /** The result as the reply; a failure as a {@link SqlFailures} reply (server-side ones logged). */
  protected static void answer(Message<JsonObject> message, Future<JsonObject> result) {
    result.onSuccess(message::reply).onFailure(error -> {
      var reply = SqlFailures.toReply(error);
      if (reply.failureCode() >= 500) {
        LOG.warn("{} failed: {}", message.address(), error.toString());
      }
      message.reply(reply);
    });
  }
}
