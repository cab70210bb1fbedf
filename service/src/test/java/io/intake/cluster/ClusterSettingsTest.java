package io.intake.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

  @Test
  void hazelcast_joins_only_through_the_member_list_and_detects_failures_in_seconds() {
    ClusterSettings settings = ClusterSettings.from(new JsonObject()
        .put("enabled", true).put("name", "intake-test").put("host", "127.0.0.1").put("hazelcast_port", 5801)
        .put("members", new JsonArray().add("127.0.0.1:5801").add(" 127.0.0.1:5802 ")));
    Config config = settings.hazelcastConfig();

    assertThat(config.getClusterName()).isEqualTo("intake-test");
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5801", "127.0.0.1:5802");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(5801);
    assertThat(config.getNetworkConfig().getPublicAddress()).isEqualTo("127.0.0.1");
    assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    assertThat(config.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("5");
    assertThat(config.getProperty("hazelcast.wait.seconds.before.join")).isEqualTo("0");
    assertThat(config.getMultiMapConfig("__vertx.subs").getBackupCount()).isEqualTo(1);

    EventBusOptions bus = settings.eventBusOptions();
    assertThat(bus.getHost()).isEqualTo("127.0.0.1");
    assertThat(bus.getClusterPublicHost()).isEqualTo("127.0.0.1");
    assertThat(bus.getPort()).isZero();
  }

  @Test
  void a_heartbeat_longer_than_the_failure_timeout_is_refused() {
    assertThatThrownBy(() -> ClusterSettings.from(new JsonObject().put("heartbeat_seconds", 5).put("max_no_heartbeat_seconds", 5)))
        .hasMessageContaining("heartbeat_seconds");
  }
}
