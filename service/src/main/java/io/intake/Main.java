package io.intake;

import io.intake.cluster.ClusterMember;
import io.intake.cluster.ClusterSettings;
import io.intake.config.ConfigLoader;
import io.intake.metrics.IntakeMetrics;
import io.intake.ops.ShutdownSettings;
import io.intake.patterns.PatternsCommand;
import io.intake.ops.LogFormat;
import io.intake.ops.StatusCommand;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code intake} command: {@code serve} (the default) runs the service; {@code status} asks a
 * running one how it is; {@code patterns FILE} mines log patterns.
 */
@Command(name = "intake", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Ingestion layer for operational work items.",
    subcommands = {Main.Serve.class, StatusCommand.class, PatternsCommand.class})
public final class Main implements Callable<Integer> {

  /** Exit status when the service could not start: a bad setting, the port in use, the database unreachable. */
  public static final int EXIT_STARTUP = 2;
  /** Exit status when a part the process cannot work without died (the embedded PostgreSQL). */
  public static final int EXIT_FATAL = 3;

  public static void main(String[] args) {
    // Before anything touches Vert.x or SLF4J: route Vert.x's own logging to SLF4J, and pick the
    // console format (logback.xml reads the property when the first logger is made).
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    // Hazelcast's static loggers read the property before any Config exists (JUL otherwise).
    System.setProperty("hazelcast.logging.type", "slf4j");
    LogFormat.choose(System.getenv(), System.console() != null);
    System.exit(new CommandLine(new Main()).execute(withDefaultCommand(args)));
  }

  /**
   * {@code serve} when no command is named: no arguments at all, or options only
   * ({@code intake --config FILE} is what people type), except the top-level help and version.
   */
  static String[] withDefaultCommand(String[] args) {
    if (args.length > 0 && (!args[0].startsWith("-") || List.of("-h", "--help", "-V", "--version").contains(args[0]))) {
      return args;
    }
    String[] serve = new String[args.length + 1];
    serve[0] = "serve";
    System.arraycopy(args, 0, serve, 1, args.length);
    return serve;
  }

  @Override
  public Integer call() {
    return new Serve().call();
  }

  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = "Run the service (HTTP API and the verticles of this node's roles).")
  static final class Serve implements Callable<Integer> {

    @Option(names = "--config", description = "Configuration file (default: ${DEFAULT-VALUE}).")
    String config = ConfigLoader.DEFAULT_PATH;

    @Option(names = "--cluster", description = "Join the clustered event bus (Hazelcast; see the cluster.* settings). "
        + "Same as cluster.enabled=true or INTAKE_CLUSTER=true.")
    boolean cluster;

    private ShutdownSettings shutdownSettings;

    @Override
    public Integer call() {
      Logger log = org.slf4j.LoggerFactory.getLogger(Main.class);
      JsonObject overrides = cluster ? new JsonObject().put("cluster", new JsonObject().put("enabled", true)) : new JsonObject();
      Vertx vertx;
      try {
        // The configuration decides how Vert.x is built (clustered or not), so it is read first.
        // Every slice is checked here, before Vert.x is built: a bad value names its key and rule.
        IntakeSettings settings = IntakeSettings.fromJson(ConfigLoader.read(config, System.getenv(), overrides));
        if (settings.verticles().contains("http")) {
          PortCheck.free(settings.http().host(), settings.http().port(), "http.port (INGEST_SERVICE_PORT or PORT)");
          int monitoring = settings.http().monitoringPort();
          if (monitoring > 0 && monitoring != settings.http().port()) {
            PortCheck.free(settings.http().host(), monitoring, "http.monitoring_port (MONITORING_SERVICE_PORT)");
          }
        }
        ClusterSettings clustering = settings.cluster();
        shutdownSettings = settings.shutdown();
        // Vert.x reports into the same registry as every verticle; each member exposes its own.
        IntakeMetrics metrics = IntakeMetrics.create();
        VertxOptions options = metrics.vertxOptions();
        vertx = clustering.enabled()
            ? ClusterMember.join(clustering, options).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES)
            : Vertx.vertx(options);
        metrics.attach(vertx);
      } catch (Exception e) {
        return notStarted(log, e);
      }
      CountDownLatch stopped = new CountDownLatch(1);
      // Off the event loop: System.exit runs the shutdown hook, which needs the event loops to close Vert.x.
      MainVerticle main = new MainVerticle(reason -> new Thread(() -> System.exit(EXIT_FATAL), "intake-fatal").start());
      GracefulShutdown shutdown = new GracefulShutdown(vertx, shutdownSettings, main);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        shutdown.runAndWait();
        stopped.countDown();
      }, "intake-shutdown"));
      try {
        vertx.deployVerticle(main, new DeploymentOptions()
                .setConfig(new JsonObject().put("config_path", config).put("overrides", overrides)))
            .toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
        shutdown.serving();
      } catch (Exception e) {
        vertx.close();
        return notStarted(log, e);
      }
      // The event loop threads keep the JVM alive; wait for the shutdown hook.
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 0;
    }

    /**
     * One line when the reason is known (a setting, the port, the database, the data directory),
     * the stack trace only for the unexpected.
     */
    private static int notStarted(Logger log, Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      String reason = StartupReasons.explain(cause);
      if (reason != null) {
        log.error("intake not started: {}", reason);
      } else {
        log.error("intake failed to start", cause);
      }
      return EXIT_STARTUP;
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"intake " + io.intake.ops.BuildInfo.version()};
    }
  }
}
