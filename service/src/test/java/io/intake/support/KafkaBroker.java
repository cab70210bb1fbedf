package io.intake.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one process) run as a child
 * JVM from the classpath test-broker/ writes: its kafka-clients 3.9 must not meet the service's 4.x
 * on one classpath. Owned by the test: {@link #stop()} kills it like a crash, {@link #start()} brings
 * it back on the same port and log directory.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Path CLASSPATH_FILE = Path.of(System.getProperty("intake.kafka.broker-classpath",
      "../test-broker/target/broker.classpath"));

  private final Path dir;
  private final Path properties;
  private final int port;
  private Process process;

  private KafkaBroker(Path dir, int port) {
    this.dir = dir;
    this.port = port;
    this.properties = dir.resolve("server.properties");
  }

  /** Formats a fresh log directory and starts the broker on a free loopback port; waits until it listens. */
  public static KafkaBroker startNew() {
    try {
      Path dir = Files.createTempDirectory("intake-test-kafka");
      KafkaBroker broker = new KafkaBroker(dir, TestApp.freePort());
      broker.format();
      broker.start();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code host:port}, the form of {@code KAFKA_BROKERS}. */
  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  private void format() throws IOException {
    int controller = TestApp.freePort();
    Files.writeString(properties, String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controller,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name=PLAINTEXT",
        "log.dirs=" + dir.resolve("logs"),
        "num.partitions=4",
        "default.replication.factor=1",
        "min.insync.replicas=1",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=4",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=true",
        // Few threads: the test machine is small and shared.
        "num.network.threads=2",
        "num.io.threads=2",
        "background.threads=2",
        "log.flush.interval.messages=1000000",
        ""));
    Process formatter = java("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", properties.toString()).start();
    try {
      if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
        formatter.destroyForcibly();
        throw new IllegalStateException("kafka storage format failed: " + Files.readString(dir.resolve("format.log")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Kafka's cluster id form: 16 random bytes, URL-safe base64 without padding. */
  private static String clusterId() {
    UUID id = UUID.randomUUID();
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits());
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  /** Starts (or restarts, after {@link #stop()}) the broker and waits until its port accepts connections. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      process = java("kafka.Kafka", properties.toString()).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Should the test JVM end without close(), the broker must not outlive it holding its ports.
    Process started = process;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "kill-kafka-broker"));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!listening()) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("kafka broker did not start; see " + dir.resolve("broker.log"));
      }
      pause(100);
    }
  }

  /** kill -9: the broker goes away without a goodbye, as in a crash or a network cut. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (listening() && Instant.now().isBefore(deadline)) {
      pause(50);
    }
  }

  /** Stops the broker and deletes its log directory. */
  @Override
  public void close() {
    stop();
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is not worth failing a test for.
    }
  }

  private boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private ProcessBuilder java(String mainClass, String... args) throws IOException {
    if (!Files.exists(CLASSPATH_FILE)) {
      throw new IllegalStateException(CLASSPATH_FILE.toAbsolutePath() + " is missing: build test-broker/ first"
          + " (mvn -o -q -pl test-broker generate-resources)");
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms128m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", Files.readString(CLASSPATH_FILE).strip(), mainClass));
    command.addAll(List.of(args));
    String log = mainClass.endsWith("StorageTool") ? "format.log" : "broker.log";
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(log).toFile()));
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
