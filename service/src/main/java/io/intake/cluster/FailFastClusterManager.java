package io.intake.cluster;

import com.hazelcast.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.core.spi.cluster.NodeListener;
import io.vertx.core.spi.cluster.NodeSelector;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Hazelcast cluster manager, except that a request to a member whose process is gone fails at
 * once instead of after its send timeout.
 *
 * <p>Why: between a member's death and Hazelcast removing it (well under a second on loopback when
 * the process is killed, up to {@code max_no_heartbeat_seconds} when the host vanishes), the
 * member's consumers are still registered, so requests are routed to it. Vert.x 4.5 connects to a
 * member by asking the cluster manager for its address ({@link #getNodeInfo}) and then opening a
 * TCP connection; when that connection is refused, its {@code ConnectionHolder} fails the queued
 * messages with the connect error, and {@code OutboundDeliveryContext.written} fails a request's
 * reply handler early only for a {@link ReplyException} — any other error is dropped and the
 * request waits for its timeout. So this class checks the member's event-bus port before handing
 * out its address, and reports an unreachable member as a {@code NO_HANDLERS} {@link ReplyException}:
 * the queued requests fail immediately, and callers see what they see once the member is removed.
 *
 * <p>The check is one extra TCP connect each time this member (re)connects to another, which
 * happens once per peer while both live. Addresses are remembered per node id, so the check does
 * not wait on Hazelcast for the address of a member that has just died.
 */
public class FailFastClusterManager extends HazelcastClusterManager {

  private final int connectTimeoutMs;
  /**
   * Node id → its event-bus address, which never changes while the node lives. Kept here because
   * Hazelcast's lookup of a dead member's entry can wait until the member is removed (when the
   * entry's partition was the dead member's), which is the very window this class is about.
   */
  private final Map<String, NodeInfo> addresses = new ConcurrentHashMap<>();
  private volatile NetClient probe;
  private volatile Vertx vertx;

  /** @param connectTimeoutMs how long a reachability check may take (a vanished host does not refuse) */
  public FailFastClusterManager(Config config, int connectTimeoutMs) {
    super(config);
    this.connectTimeoutMs = connectTimeoutMs;
  }

  @Override
  public void init(Vertx vertx, NodeSelector nodeSelector) {
    super.init(vertx, nodeSelector);
    this.vertx = vertx;
  }

  /** Forgets a member's address when it leaves; a restarted member has a new node id. */
  @Override
  public void nodeListener(NodeListener listener) {
    super.nodeListener(new NodeListener() {
      @Override
      public void nodeAdded(String nodeId) {
        listener.nodeAdded(nodeId);
      }

      @Override
      public void nodeLeft(String nodeId) {
        addresses.remove(nodeId);
        listener.nodeLeft(nodeId);
      }
    });
  }

  @Override
  public void getNodeInfo(String nodeId, Promise<NodeInfo> promise) {
    NodeInfo known = addresses.get(nodeId);
    Future<NodeInfo> info;
    if (known != null) {
      info = Future.succeededFuture(known);
    } else {
      Promise<NodeInfo> found = Promise.promise();
      super.getNodeInfo(nodeId, found);
      info = found.future().onSuccess(i -> addresses.put(nodeId, i));
    }
    info.compose(i -> reachable(i).map(i))
        .onSuccess(promise::complete)
        .onFailure(error -> promise.fail(new ReplyException(ReplyFailure.NO_HANDLERS,
            "cluster member " + nodeId + " is unreachable: " + error.getMessage())));
  }

  private Future<Void> reachable(NodeInfo info) {
    return client().connect(info.port(), info.host()).compose(socket -> socket.close());
  }

  private NetClient client() {
    NetClient client = probe;
    if (client == null) {
      synchronized (this) {
        if (probe == null) {
          probe = vertx.createNetClient(new NetClientOptions().setConnectTimeout(connectTimeoutMs));
        }
        client = probe;
      }
    }
    return client;
  }
}
