package io.intake.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLevelsTest {

  @Test
  void level_words_in_the_three_accepted_cases_with_punctuation_around() {
    assertThat(LogLevels.of("warning")).isEqualTo(LogLevels.WARN);
    assertThat(LogLevels.of("[ERROR]")).isEqualTo(LogLevels.ERROR);
    assertThat(LogLevels.of("Info,")).isEqualTo(LogLevels.INFO);
    assertThat(LogLevels.of("<FATAL>:")).isEqualTo(LogLevels.CRITICAL);
    assertThat(LogLevels.of("dbg")).isEqualTo(LogLevels.DEBUG);
  }

  @Test
  void mixed_case_short_long_non_ascii_and_non_words_are_not_levels() {
    assertThat(LogLevels.of("eRRor")).isNull();
    assertThat(LogLevels.of("ERRor")).isNull();
    assertThat(LogLevels.of("WARNing")).isNull();
    assertThat(LogLevels.of("er")).isNull();
    assertThat(LogLevels.of("informationalxx")).isNull();
    assertThat(LogLevels.of("err0r")).isNull();
    assertThat(LogLevels.of("ÉRROR")).isNull();
    assertThat(LogLevels.of("[]")).isNull();
    assertThat(LogLevels.of("")).isNull();
    assertThat(LogLevels.of((String) null)).isNull();
    assertThat(LogLevels.of("session")).isNull();
  }

  @Test
  void a_range_of_a_line_reads_as_the_same_word_would() {
    String line = "2015-10-18 18:01:47,978 WARN [main] Error: x";
    int warn = line.indexOf("WARN");
    assertThat(LogLevels.of(line, warn, warn + 4)).isEqualTo(LogLevels.WARN);
    assertThat(LogLevels.of(line, warn - 1, warn + 5)).isEqualTo(LogLevels.WARN);
    int main = line.indexOf("[main]");
    assertThat(LogLevels.of(line, main, main + 6)).isNull();
    int error = line.indexOf("Error:");
    assertThat(LogLevels.of(line, error, error + 5)).isEqualTo(LogLevels.ERROR);
    assertThat(LogLevels.of(line, error, error + 3)).isEqualTo(LogLevels.ERROR); // "Err"
    assertThat(LogLevels.of(line, error + 1, error + 5)).isNull(); // "rror"
  }

  @Test
  void every_name_in_every_accepted_case_and_no_neighbour_of_the_same_length() {
    for (String[] w : new String[][] {{"trace", "DEBUG"}, {"finest", "DEBUG"}, {"informational", "INFO"},
        {"notice", "INFO"}, {"warning", "WARN"}, {"severe", "ERROR"}, {"failure", "ERROR"}, {"emerg", "CRITICAL"},
        {"panic", "CRITICAL"}}) {
      String name = w[0];
      String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
      assertThat(LogLevels.of(name)).isEqualTo(w[1]);
      assertThat(LogLevels.of(name.toUpperCase(java.util.Locale.ROOT))).isEqualTo(w[1]);
      assertThat(LogLevels.of(capitalized)).isEqualTo(w[1]);
      assertThat(LogLevels.of(name.substring(0, name.length() - 1) + "x")).isNull();
    }
  }
}
