package io.intake;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.bus.HandOffJson;
import io.intake.config.ConfigLoader;
import io.intake.embedding.EmbeddingVerticle;
import io.intake.gauges.StatsGaugesVerticle;
import io.intake.enrichment.EnrichmentSettings;
import io.intake.enrichment.EnrichmentVerticle;
import io.intake.http.HttpVerticle;
import io.intake.llm.LlmPreprocessVerticle;
import io.intake.logs.LogPatternVerticle;
import io.intake.vectors.VectorIndexVerticle;
import io.intake.learner.LearnerForwarderVerticle;
import io.intake.learner.NodeIdentity;
import io.intake.normalize.NormalizationVerticle;
import io.intake.normalize.SourceEventCodec;
import io.intake.ops.BackgroundPool;
import io.intake.ops.Freshness;
import io.intake.ops.HealthWatcherVerticle;
import io.intake.persistence.DatabaseSettings;
import io.intake.persistence.PersistenceSettings;
import io.intake.persistence.PostgresSettings;
import io.intake.ops.Liveness;
import io.intake.persistence.EmbeddedPostgresServer;
import io.intake.persistence.Migrations;
import io.intake.persistence.EnrichmentStateVerticle;
import io.intake.persistence.OutcomesVerticle;
import io.intake.persistence.TelemetryVerticle;
import io.intake.persistence.WorkItemsVerticle;
import io.intake.simulator.MonitoringSimulatorVerticle;
import io.intake.streams.EventPublisherVerticle;
import io.intake.streams.StreamConsumerVerticle;
import io.intake.streams.StreamProducerVerticle;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Verticle;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the configuration, makes sure the database exists and is migrated (starting the embedded
 * server when no {@code POSTGRES_URL} is given), then deploys the verticles in dependency order:
 * persistence (one verticle per owner: work items, outcomes, enrichment state, telemetry), Learner forwarder, LLM, embedding, vector index, enrichment, normalization,
 * simulator, health watcher, the metrics gauges, HTTP — each with its config slice and
 * instance count. {@code verticles} lists the roles this node runs (default: all); a node without
 * persistence needs no database.
 *
 * <p>Its own config: {@code config_path} (default {@code conf/config.json}) and {@code overrides},
 * merged over file and environment.
 */
public class MainVerticle extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);
  /** Every role a member can run, in deployment order. */
  public static final List<String> ALL_ROLES = List.of("persistence", "learner", "llm", "embedding", "vectors", "enrichment",
      "normalization", "patterns", "streams", "simulator", "watcher", "http");

  /** A role's deployment, in deployment order (a graceful shutdown undeploys them in reverse). */
  record Deployed(String role, String verticle, String id) {
  }

  private final List<Deployed> deployed = new CopyOnWriteArrayList<>();
  private EmbeddedPostgresServer embedded;
  private final Consumer<String> onFatal;
  private long watchdog = -1;

  /** For tests and embedding: a fatal failure only turns liveness unhealthy. */
  public MainVerticle() {
    this(reason -> { });
  }

  /** @param onFatal called once when the process can no longer work (the CLI exits non-zero) */
  public MainVerticle(Consumer<String> onFatal) {
    this.onFatal = onFatal;
  }

  @Override
  public void start(Promise<Void> started) {
    Correlation.install(vertx);
    HandOffJson.install(vertx);
    SourceEventCodec.install(vertx);
    Freshness.install(vertx);
    String path = config().getString("config_path", ConfigLoader.DEFAULT_PATH);
    ConfigLoader.load(vertx, path, config().getJsonObject("overrides", new JsonObject()))
        .compose(conf -> {
          // Every slice is checked before anything starts: a bad value fails here, naming its key.
          IntakeSettings settings = IntakeSettings.fromJson(conf);
          Set<String> roles = new LinkedHashSet<>(settings.verticles());
          Future<JsonObject> database = roles.contains("persistence")
              ? vertx.executeBlocking(() -> prepareDatabase(conf.getJsonObject("database", new JsonObject())), false)
                  .map(DatabaseSettings::toJson)
              : Future.succeededFuture(null);
          return database
              .onSuccess(db -> watchEmbedded())
              .compose(db -> roles.contains("persistence") ? deployPersistence(settings.persistence(), settings.enrichment(),
                  slice(conf, "persistence").put("connection", db)
                      .put("event_outbox", settings.kafka().enabled() && settings.kafka().publishEvents()))
                  : Future.succeededFuture())
              // One index per deployment: dedup decisions are serialized there. Right after persistence,
              // its only dependency at start: it is loaded while the model is, not after it.
              .compose(v -> deploySingleton(roles, "vectors", Addresses.VECTORS_STATUS, VectorIndexVerticle.class, vectorsSlice(conf)))
              .compose(v -> roles.contains("learner") ? learnerSlice(conf) : Future.succeededFuture(new JsonObject()))
              .compose(learner -> deployIf(roles, "learner", LearnerForwarderVerticle.class, learner))
              .compose(v -> deployIf(roles, "llm", LlmPreprocessVerticle.class, slice(conf, "llm")))
              .compose(v -> deployIf(roles, "embedding", EmbeddingVerticle.class, slice(conf, "embedding")))
              // Coordination and its JSON work off the event loops, on niced threads (BackgroundPool).
              .compose(v -> roles.contains("enrichment") ? deploy("enrichment", EnrichmentVerticle.class,
                  slice(conf, "enrichment"), BackgroundPool.options(settings.enrichment().workerThreads()))
                  : Future.succeededFuture(""))
              .compose(v -> deployIf(roles, "normalization", NormalizationVerticle.class, slice(conf, "normalization")))
              // One miner state per deployment: a pattern is counted in one place.
              .compose(v -> deploySingleton(roles, "patterns", Addresses.PATTERNS_LIST, LogPatternVerticle.class, slice(conf, "patterns")))
              // Kafka only with brokers: group members where "streams" runs, the producer beside HTTP.
              .compose(v -> deployIf(roles,
                  settings.kafka().enabled() && settings.kafka().consumer().instances() > 0 ? "streams" : "", StreamConsumerVerticle.class,
                  slice(conf, "kafka").put("instances", settings.kafka().consumer().instances())))
              .compose(v -> deployIf(roles, settings.kafka().enabled() && settings.kafka().publishEvents() ? "streams" : "",
                  EventPublisherVerticle.class, slice(conf, "kafka").put("instances", 1)))
              .compose(v -> deployIf(roles, settings.kafka().enabled() ? "http" : "", StreamProducerVerticle.class,
                  slice(conf, "kafka").put("instances", 1)))
              .compose(v -> deployIf(roles, "simulator", MonitoringSimulatorVerticle.class, slice(conf, "simulator").put("instances", 1)))
              .compose(v -> deployIf(roles, "watcher", HealthWatcherVerticle.class, slice(conf, "watcher").put("instances", 1)))
              // The gauges GET /metrics shows: refreshed once per process, read by every HTTP instance.
              .compose(v -> deployIf(roles, "http", StatsGaugesVerticle.class,
                  slice(conf, "http").getJsonObject("metrics", new JsonObject()).put("instances", 1)))
              .compose(v -> deployIf(roles, "http", HttpVerticle.class, slice(conf, "http").put("kafka", slice(conf, "kafka"))))
              .map(v -> settings);
        })
        .onSuccess(settings -> {
          announce(settings);
          started.complete();
        })
        .onFailure(error -> {
          // A reason that explains itself is said in one line by whoever started us (the CLI), no stack trace.
          if (StartupReasons.explain(error) == null) {
            LOG.error("start-up failed", error);
          }
          stopEmbedded();
          started.fail(error);
        });
  }

  /** The one line a person waits for, once per process; where to go next is in it. */
  private static void announce(IntakeSettings settings) {
    if (!settings.verticles().contains("http")) {
      LOG.info("Intake ready (roles {}; no HTTP API on this node)", settings.verticles());
      return;
    }
    String host = settings.http().host();
    // 0.0.0.0 and :: are every interface; a browser needs one it can open.
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    LOG.info("Intake ready at http://{}:{} (console /, docs /docs)", shown, settings.http().port());
  }

  @Override
  public void stop(Promise<Void> stopped) {
    // Children (and their pools) are undeployed before this runs.
    vertx.executeBlocking(() -> {
      stopEmbedded();
      return null;
    }).<Void>mapEmpty().onComplete(stopped);
  }

  /** What has been deployed so far, in order. */
  List<Deployed> deployed() {
    return List.copyOf(deployed);
  }

  /** Stops the embedded server, if this process runs one (on a worker; the last step of a shutdown). */
  Future<Boolean> stopDatabase() {
    return vertx.executeBlocking(() -> {
      boolean running = embedded != null;
      stopEmbedded();
      return running;
    }, false);
  }

  /**
   * The embedded server runs as a process of its own and can die (OOM killer, kill -9) while this
   * one lives on answering 503 to everything: a server that is gone makes this process not live
   * and, from the CLI, exits it (status 3) so a supervisor starts it again on the same data.
   */
  private void watchEmbedded() {
    EmbeddedPostgresServer server = embedded;
    if (server == null) {
      return;
    }
    watchdog = vertx.setPeriodic(1000, t -> {
      if (!server.alive() && server == embedded) {
        vertx.cancelTimer(t);
        String reason = "embedded PostgreSQL (pid " + server.postmasterPid() + ") exited; this process cannot work without it";
        LOG.error(reason);
        Liveness.fail(vertx, reason);
        onFatal.accept(reason);
      }
    });
  }

  /** Blocking: the URL's server, or the embedded one; migrated either way. */
  private DatabaseSettings prepareDatabase(JsonObject slice) throws Exception {
    DatabaseSettings db;
    PostgresSettings conf = PostgresSettings.fromJson(slice);
    String url = conf.url();
    if (url != null) {
      db = DatabaseSettings.fromUrl(url);
      LOG.info("using PostgreSQL at {}", db);
    } else {
      embedded = EmbeddedPostgresServer.start(Path.of(conf.dataDir()).toAbsolutePath().normalize(), conf.embeddedPort());
      db = embedded.settings();
      if (vertx.isClustered()) {
        LOG.warn("clustered member with the embedded PostgreSQL: its data is this member's own; run persistence on"
            + " one member only, or give every persistence member the same POSTGRES_URL");
      }
    }
    Freshness.schemaVersion(vertx, Migrations.migrate(db));
    return db;
  }

  private synchronized void stopEmbedded() {
    if (watchdog >= 0) {
      vertx.cancelTimer(watchdog);
      watchdog = -1;
    }
    if (embedded != null) {
      try {
        embedded.close();
      } catch (Exception e) {
        LOG.warn("embedded PostgreSQL did not stop cleanly", e);
      }
      embedded = null;
    }
  }

  /**
   * The learner's slice with this node's identity and this run's lease owner (shared by its
   * instances): the configured {@code node_id}, else the one kept in the embedded server's data
   * directory, which one live process owns at a time. With neither (a shared POSTGRES_URL and no
   * node id) there is no identity to take leases back by: they expire as they always did.
   */
  /** The index's snapshot lives in this member's data directory unless a path is configured. */
  private static JsonObject vectorsSlice(JsonObject conf) {
    JsonObject vectors = slice(conf, "vectors");
    JsonObject embeddedIndex = vectors.getJsonObject("embedded", new JsonObject());
    JsonObject snapshot = embeddedIndex.getJsonObject("snapshot", new JsonObject());
    if (snapshot.getString("path") == null) {
      Path dataDir = Path.of(PostgresSettings.fromJson(conf.getJsonObject("database")).dataDir()).toAbsolutePath().normalize();
      vectors.put("embedded", embeddedIndex.put("snapshot", snapshot.put("path",
          dataDir.resolve(io.intake.vectors.VectorSettings.SNAPSHOT_FILE).toString())));
    }
    return vectors;
  }

  private Future<JsonObject> learnerSlice(JsonObject conf) {
    JsonObject learner = slice(conf, "learner");
    String configured = learner.getString("node_id");
    if ((configured == null || configured.isBlank()) && embedded == null) {
      learner.remove("node_id");
      return Future.succeededFuture(learner);
    }
    Path dataDir = Path.of(PostgresSettings.fromJson(conf.getJsonObject("database")).dataDir()).toAbsolutePath().normalize();
    return vertx.executeBlocking(() -> NodeIdentity.resolve(configured, dataDir), false)
        .map(nodeId -> learner.put("node_id", nodeId).put("lease_owner", NodeIdentity.leaseOwner(nodeId)));
  }

  /**
   * The persistence role is one verticle per owner (work items, outcomes, enrichment state,
   * telemetry), each with the common slice (connection, pool) and its own instance count
   * ({@link PersistenceSettings#instancesOf}). They share one pool per process.
   */
  private Future<Void> deployPersistence(PersistenceSettings settings, EnrichmentSettings enrichment, JsonObject common) {
    return deployOwner(settings, common, "work_items", WorkItemsVerticle.class)
        .compose(v -> deployOwner(settings, common, "outcomes", OutcomesVerticle.class))
        // Enrichment's SQL and JSON work beside its coordinator, off the event loops (BackgroundPool).
        .compose(v -> deploy("persistence", EnrichmentStateVerticle.class, common.copy()
            .put("instances", settings.instancesOf("enrichment_state")).put(BackgroundPool.NICE_KEY, enrichment.nice()),
            BackgroundPool.options(enrichment.workerThreads())))
        .compose(v -> deployOwner(settings, common, "telemetry", TelemetryVerticle.class))
        .mapEmpty();
  }

  private Future<String> deployOwner(PersistenceSettings settings, JsonObject common, String owner,
      Class<? extends Verticle> type) {
    return deploy("persistence", type, common.copy().put("instances", settings.instancesOf(owner)));
  }

  private static JsonObject slice(JsonObject conf, String name) {
    return conf.getJsonObject(name, new JsonObject()).copy();
  }

  private Future<String> deployIf(Set<String> roles, String role, Class<? extends Verticle> type, JsonObject slice) {
    return roles.contains(role) ? deploy(role, type, slice) : Future.succeededFuture("");
  }

  /**
   * Roles whose state lives in memory run once per deployment: with {@code instances} 1 here, and
   * not at all when another cluster member already answers on their address (a best-effort check:
   * two members starting at the same moment both pass it).
   */
  private Future<String> deploySingleton(Set<String> roles, String role, String address, Class<? extends Verticle> type,
      JsonObject slice) {
    if (!roles.contains(role)) {
      return Future.succeededFuture("");
    }
    return runsElsewhere(address).compose(elsewhere -> elsewhere
        ? Future.failedFuture(new IllegalStateException("role '" + role + "' already runs on another cluster member;"
            + " run it on exactly one (verticles.md, Cluster)"))
        : deploy(role, type, slice.put("instances", 1)));
  }

  private Future<Boolean> runsElsewhere(String address) {
    if (!vertx.isClustered()) {
      return Future.succeededFuture(false);
    }
    return vertx.eventBus().request(address, new JsonObject(), new DeliveryOptions().setSendTimeout(2000))
        .map(answered -> true)
        // A refusal still means someone is there; no handlers or no answer: nobody is.
        .recover(e -> Future.succeededFuture(e instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE));
  }

  private Future<String> deploy(String role, Class<? extends Verticle> type, JsonObject slice) {
    return deploy(role, type, slice, new DeploymentOptions());
  }

  private Future<String> deploy(String role, Class<? extends Verticle> type, JsonObject slice, DeploymentOptions options) {
    int instances = slice.getInteger("instances", 1);
    return vertx.deployVerticle(type, options.setConfig(slice).setInstances(instances))
        .onSuccess(id -> {
          deployed.add(new Deployed(role, type.getSimpleName(), id));
          LOG.debug("deployed {} x{}", type.getSimpleName(), instances);
        });
  }
}
