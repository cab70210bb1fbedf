package io.intake.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.Failure;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

/** Issue 14: a value PostgreSQL refuses (SQLSTATE class 22) is the request's fault, never a 500. */
class SqlFailuresTest {

  private static Failure of(String state) {
    return Failure.fromCode(SqlFailures.toReply(new PgException("refused", "ERROR", state, null)).failureCode());
  }

  @Test
  void data_exceptions_are_invalid_input_and_never_echo_the_server_text() {
    for (String state : new String[] {"22021", "22P05", "22003", "22007", "22008", "22001"}) {
      assertThat(of(state)).as(state).isEqualTo(Failure.INVALID);
    }
    assertThat(SqlFailures.toReply(new PgException("invalid byte sequence: 0x00 in 'secret'", "ERROR", "22021", null))
        .getMessage()).doesNotContain("secret").contains("22021");
  }

  @Test
  void other_states_keep_their_meaning() {
    assertThat(of("23505")).isEqualTo(Failure.CONFLICT);
    assertThat(of("08006")).isEqualTo(Failure.UNAVAILABLE);
    assertThat(of("42P01")).isEqualTo(Failure.INTERNAL);
  }
}
