package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.http.ConnectionDeadlines.Phase;
import org.junit.jupiter.api.Test;

class ConnectionDeadlinesTest {

  private final ConnectionDeadlines<String> deadlines = new ConnectionDeadlines<>(new ConnectionDeadlines.Limits(10, 30, 60));

  @Test
  void each_phase_has_its_own_deadline() {
    deadlines.opened("silent", 0);
    deadlines.opened("slow-body", 0);
    deadlines.opened("served", 0);
    deadlines.requestStarted("slow-body", 5);
    deadlines.requestStarted("served", 5);
    deadlines.requestRead("served");

    assertThat(deadlines.expired(9)).isEmpty();
    assertThat(deadlines.expired(10)).extracting(ConnectionDeadlines.Expired::connection).containsExactly("silent");
    assertThat(deadlines.expired(35)).singleElement()
        .satisfies(e -> assertThat(e.phase()).isEqualTo(Phase.BODY));
    assertThat(deadlines.expired(10_000)).as("a request being handled has no deadline").isEmpty();

    deadlines.responded("served", 100);
    assertThat(deadlines.phase("served")).isEqualTo(Phase.HEADERS);
    assertThat(deadlines.expired(159)).isEmpty();
    assertThat(deadlines.expired(160)).extracting(ConnectionDeadlines.Expired::phase).containsExactly(Phase.HEADERS);
    assertThat(deadlines.size()).isZero();
  }

  @Test
  void a_closed_connection_is_forgotten() {
    deadlines.opened("c", 0);
    deadlines.closed("c");
    deadlines.requestStarted("c", 1);
    assertThat(deadlines.phase("c")).isNull();
    assertThat(deadlines.expired(1_000)).isEmpty();
  }
}
