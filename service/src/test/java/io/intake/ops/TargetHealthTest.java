package io.intake.ops;

import static io.intake.ops.TargetHealth.Transition.BECAME_UNHEALTHY;
import static io.intake.ops.TargetHealth.Transition.NONE;
import static io.intake.ops.TargetHealth.Transition.RECOVERED;
import static org.assertj.core.api.Assertions.assertThat;

import io.intake.ops.TargetHealth.Probe;
import org.junit.jupiter.api.Test;

class TargetHealthTest {

  @Test
  void turns_unhealthy_once_after_the_threshold_and_recovers_once() {
    TargetHealth health = new TargetHealth(2, 2);
    assertThat(health.observe(Probe.ok())).isEqualTo(NONE);
    assertThat(health.observe(Probe.failing("HTTP 500"))).isEqualTo(NONE);
    assertThat(health.observe(Probe.failing("HTTP 500"))).isEqualTo(BECAME_UNHEALTHY);
    assertThat(health.state()).isEqualTo(TargetHealth.State.FAILING);
    assertThat(health.observe(Probe.failing("HTTP 500"))).isEqualTo(NONE);
    assertThat(health.observe(Probe.stale("old"))).as("failing → stale is still one incident").isEqualTo(NONE);
    assertThat(health.state()).isEqualTo(TargetHealth.State.STALE);
    assertThat(health.observe(Probe.ok())).isEqualTo(NONE);
    assertThat(health.observe(Probe.ok())).isEqualTo(RECOVERED);
    assertThat(health.state()).isEqualTo(TargetHealth.State.HEALTHY);
  }

  @Test
  void a_flapping_target_below_the_thresholds_never_alerts() {
    TargetHealth health = new TargetHealth(2, 2);
    for (int i = 0; i < 50; i++) {
      assertThat(health.observe(i % 2 == 0 ? Probe.failing("x") : Probe.ok())).isEqualTo(NONE);
    }
  }

  @Test
  void a_target_failing_from_the_start_alerts() {
    TargetHealth health = new TargetHealth(1, 1);
    assertThat(health.observe(Probe.failing("refused"))).isEqualTo(BECAME_UNHEALTHY);
    assertThat(health.reason()).isEqualTo("refused");
  }
}
