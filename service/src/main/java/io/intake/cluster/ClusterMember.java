package io.intake.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.ListenerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a Vert.x instance whose event bus is shared with the other members of the Hazelcast cluster. */
public final class ClusterMember {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterMember.class);

  private ClusterMember() {
  }

  /** Joins (or founds) the cluster; the future fails when Hazelcast cannot start. */
  public static Future<Vertx> join(ClusterSettings settings) {
    return join(settings, new VertxOptions());
  }

  /** @param options anything but the cluster manager and event-bus options, which {@code settings} decide */
  public static Future<Vertx> join(ClusterSettings settings, VertxOptions options) {
    Config config = settings.hazelcastConfig();
    config.addListenerConfig(new ListenerConfig(new MembershipLog()));
    long started = System.nanoTime();
    LOG.info("joining cluster '{}' as {} (hazelcast port {}, members {})", settings.name(), settings.host(),
        settings.hazelcastPort(), settings.members());
    return Vertx.clusteredVertx(options
            .setClusterManager(new FailFastClusterManager(config, settings.connectTimeoutMs()))
            .setEventBusOptions(settings.eventBusOptions()))
        .onSuccess(vertx -> LOG.info("joined cluster '{}' in {} ms", settings.name(), (System.nanoTime() - started) / 1_000_000));
  }

  /** Membership changes are rare and matter when reading an incident's logs. */
  private static final class MembershipLog implements MembershipListener {
    @Override
    public void memberAdded(MembershipEvent event) {
      LOG.info("cluster member joined: {} ({} members)", event.getMember().getAddress(), event.getMembers().size());
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
      LOG.warn("cluster member left or was declared dead: {} ({} members)", event.getMember().getAddress(),
          event.getMembers().size());
    }
  }
}
