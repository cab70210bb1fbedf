package io.intake.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.cp.SemaphoreConfig;
import io.intake.config.ConfigSection;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The {@code cluster} slice of the configuration, and what it becomes: a Hazelcast {@link Config}
 * built in code (no XML, nothing looked up at run time) and the event bus's {@link EventBusOptions}.
 *
 * <p>Members find each other only through the configured list (TCP-IP join; multicast and cloud
 * auto-detection off), bind and advertise {@code host} for both Hazelcast and the event bus, and
 * declare a member dead after {@code max_no_heartbeat_seconds} without a heartbeat instead of
 * Hazelcast's 60 s; a member whose process is gone (connection refused) is removed sooner still,
 * by Hazelcast's connection monitor.
 *
 * @param host            the address this member binds and advertises (a service name in compose)
 * @param members         {@code host:port} of the Hazelcast members to join through
 * @param eventBusPort    0: a free port
 * @param connectTimeoutMs event-bus connection timeout (Vert.x waits 60 s by default)
 */
public record ClusterSettings(boolean enabled, String name, String host, int hazelcastPort, boolean portAutoIncrement,
    List<String> members, int eventBusPort, int heartbeatSeconds, int maxNoHeartbeatSeconds, int connectTimeoutMs) {

  public static ClusterSettings from(JsonObject conf) {
    return read(ConfigSection.of("cluster", conf));
  }

  public static ClusterSettings read(ConfigSection c) {
    boolean enabled = c.flag("enabled", false);
    String name = c.string("name", "intake");
    String host = c.string("host", "127.0.0.1");
    int port = c.integer("hazelcast_port", 5701, 1, 65_535);
    boolean autoIncrement = c.flag("port_auto_increment", true);
    List<String> members = c.strings("members", List.of("127.0.0.1:5701", "127.0.0.1:5702"), false);
    int eventBusPort = c.integer("event_bus_port", 0, 0, 65_535);
    int heartbeat = c.integer("heartbeat_seconds", 1, 1);
    int maxNoHeartbeat = c.integer("max_no_heartbeat_seconds", 5, 2);
    int connectTimeout = c.integer("connect_timeout_ms", 2000, 1);
    if (maxNoHeartbeat <= heartbeat) {
      throw c.invalid("heartbeat_seconds", "must be less than cluster.max_no_heartbeat_seconds");
    }
    return new ClusterSettings(enabled, name, host, port, autoIncrement, members, eventBusPort, heartbeat,
        maxNoHeartbeat, connectTimeout);
  }

  public ClusterSettings withEnabled(boolean on) {
    return new ClusterSettings(on, name, host, hazelcastPort, portAutoIncrement, members, eventBusPort,
        heartbeatSeconds, maxNoHeartbeatSeconds, connectTimeoutMs);
  }

  public Config hazelcastConfig() {
    Config config = new Config();
    config.setClusterName(name);
    // Failure detection in seconds, not a minute; join without the pre-join batching pause.
    config.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(heartbeatSeconds));
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(maxNoHeartbeatSeconds));
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    // Two members started at once may each become master: merge them within seconds, not 5 minutes.
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
    config.setProperty("hazelcast.socket.connect.timeout.seconds", "2");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // Vert.x leaves the cluster in its own close; a second hook would race it.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(hazelcastPort).setPortAutoIncrement(portAutoIncrement);
    // Advertise what the others can reach; the port is the one actually bound.
    network.setPublicAddress(host);
    network.getInterfaces().setEnabled(true).addInterface(ip(host));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(members);

    // What vertx-hazelcast's default-cluster.xml sets for its own structures.
    config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
    config.getCPSubsystemConfig().setCPMemberCount(0).addSemaphoreConfig(new SemaphoreConfig("__vertx.*", false, 1));
    return config;
  }

  /** Hazelcast's interface list takes addresses, not names: {@code intake-a} becomes the container's IP. */
  static String ip(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cluster.host: cannot resolve " + host, e);
    }
  }

  public EventBusOptions eventBusOptions() {
    return new EventBusOptions()
        .setHost(host)
        .setPort(eventBusPort)
        .setClusterPublicHost(host)
        .setConnectTimeout(connectTimeoutMs);
  }
}
