package io.intake;

import io.intake.cluster.ClusterMember;
import io.intake.cluster.ClusterSettings;
import io.intake.config.ConfigLoader;
import io.intake.ops.ShutdownSettings;
import io.intake.patterns.PatternsCommand;
import io.intake.persistence.DataDirectoryOwner;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code intake} command: {@code serve} (the default) runs the service; {@code patterns FILE} mines log patterns. */
@Command(name = "intake", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Ingestion layer for operational work items.",
    subcommands = {Main.Serve.class, PatternsCommand.class})
public final class Main implements Callable<Integer> {

  /** Exit status when a part the process cannot work without died (the embedded PostgreSQL). */
  public static final int EXIT_FATAL = 3;

  public static void main(String[] args) {
    // Before anything touches Vert.x or SLF4J: route Vert.x's own logging to SLF4J (JSON).
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    // Hazelcast's static loggers read the property before any Config exists (JUL otherwise).
    System.setProperty("hazelcast.logging.type", "slf4j");
    System.exit(new CommandLine(new Main()).execute(args.length == 0 ? new String[] {"serve"} : args));
  }

  @Override
  public Integer call() {
    return new Serve().call();
  }

  @Command(name = "serve", description = "Run the service (HTTP API and the verticles of this node's roles).")
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
        ClusterSettings clustering = settings.cluster();
        shutdownSettings = settings.shutdown();
        vertx = clustering.enabled()
            ? ClusterMember.join(clustering).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES)
            : Vertx.vertx();
      } catch (IllegalArgumentException e) {
        // A bad configuration value: its key and rule are the whole story.
        log.error("intake failed to start: {}", e.getMessage());
        return 1;
      } catch (Exception e) {
        log.error("intake failed to start", e);
        return 1;
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
        Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof DataDirectoryOwner.InUseException) {
          log.error("intake not started: {}", cause.getMessage());
        } else {
          log.error("intake failed to start", e);
        }
        vertx.close();
        return 1;
      }
      // The event loop threads keep the JVM alive; wait for the shutdown hook.
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 0;
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"intake " + io.intake.ops.BuildInfo.version()};
    }
  }
}
