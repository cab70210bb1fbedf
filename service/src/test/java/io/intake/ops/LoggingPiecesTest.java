package io.intake.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The console format choice and the recent-error window, without a logging system. */
class LoggingPiecesTest {

  @Test
  void a_terminal_gets_text_anything_else_json_unless_the_variable_says() {
    assertThat(LogFormat.appender(null, true)).isEqualTo("TEXT");
    assertThat(LogFormat.appender(null, false)).isEqualTo("JSON");
    assertThat(LogFormat.appender("text", false)).isEqualTo("TEXT");
    assertThat(LogFormat.appender(" JSON ", true)).isEqualTo("JSON");
    assertThat(LogFormat.appender("fancy", false)).as("unknown: as unset").isEqualTo("JSON");
  }

  @Test
  void errors_count_for_five_minutes_then_drop_out() {
    // Far from the wall clock, so errors other tests log do not fall in these windows.
    long t0 = 10_000_000_000_000L;
    long before = RecentErrors.lastFiveMinutes(t0);
    RecentErrors.record(t0);
    RecentErrors.record(t0 + 1_000);
    RecentErrors.record(t0 + 200_000);
    assertThat(RecentErrors.lastFiveMinutes(t0 + 200_000) - before).isEqualTo(3);
    // Five minutes after the first two, only the third is in the window.
    assertThat(RecentErrors.lastFiveMinutes(t0 + 310_000)).isEqualTo(1);
    assertThat(RecentErrors.lastFiveMinutes(t0 + 520_000)).isZero();
  }
}
