package io.intake.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each pattern gives the error profile it promises, under a fixed seed. */
class SimulatorPatternsTest {

  private static final Instant T0 = Instant.parse("2026-11-22T20:00:00Z");

  private static List<Emission> run(SimulatedSource source, int ticks) {
    List<Emission> out = new ArrayList<>();
    for (int i = 0; i < ticks; i++) {
      out.add(source.tick(T0.plusSeconds(i)));
    }
    return out;
  }

  private static SimulatedService service(ErrorPattern pattern, long seed) {
    return new SimulatedService("api-service", pattern, ErrorType.CATALOGUE, seed);
  }

  @Test
  void the_same_seed_and_config_give_the_same_sequence() {
    List<Emission> a = run(service(new ErrorPattern.Steady(0.2), 7), 300);
    List<Emission> b = run(service(new ErrorPattern.Steady(0.2), 7), 300);
    List<Emission> c = run(service(new ErrorPattern.Steady(0.2), 8), 300);
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void steady_errors_at_the_seed_probability_per_tick() {
    long errors = run(service(new ErrorPattern.Steady(0.05), 42), 10_000).stream().mapToLong(e -> e.errors().size()).sum();
    // mean 500, standard deviation ~22
    assertThat(errors).isBetween(420L, 580L);
  }

  @Test
  void every_tick_writes_a_normal_line_at_info_warn_or_debug() {
    for (Emission e : run(service(new ErrorPattern.Steady(0.0), 1), 500)) {
      assertThat(e.errors()).isEmpty();
      assertThat(e.lines()).hasSize(1);
      assertThat(e.lines().get(0).level()).isIn("INFO", "WARN", "DEBUG");
      assertThat(e.lines().get(0).text()).contains("[api-service]");
    }
  }

  @Test
  void burst_is_quiet_then_many_errors_in_a_short_window() {
    ErrorPattern.Burst burst = new ErrorPattern.Burst(0.01, 100, 10, 3.0);
    long inside = 0;
    long outside = 0;
    for (Emission e : run(service(burst, 42), 10_000)) {
      if (burst.inBurst(e.tick())) {
        inside += e.errors().size();
      } else {
        outside += e.errors().size();
      }
    }
    assertThat(inside).isEqualTo(100 * 10 * 3);
    assertThat(outside).isBetween(50L, 140L);
  }

  @Test
  void gradual_degradation_climbs_then_recovers() {
    ErrorPattern.GradualDegradation pattern = new ErrorPattern.GradualDegradation(0.01, 0.8, 60, 120, 60);
    long[] byPhase = new long[4]; // healthy, early ramp, late ramp, recovery
    long[] ticks = new long[4];
    for (Emission e : run(service(pattern, 42), 240 * 50)) {
      long t = e.tick() % 240;
      int phase = t < 60 ? 0 : t < 100 ? 1 : t < 180 && t >= 140 ? 2 : t >= 180 ? 3 : -1;
      if (phase >= 0) {
        byPhase[phase] += e.errors().size();
        ticks[phase]++;
      }
    }
    double healthy = (double) byPhase[0] / ticks[0];
    double early = (double) byPhase[1] / ticks[1];
    double late = (double) byPhase[2] / ticks[2];
    double recovery = (double) byPhase[3] / ticks[3];
    assertThat(healthy).isLessThan(0.03);
    assertThat(late).isGreaterThan(3 * early).isGreaterThan(0.5);
    assertThat(recovery).isLessThan(late).isGreaterThan(healthy);
    assertThat(pattern.latencyFactor(179)).isEqualTo(10.0);
    assertThat(pattern.latencyFactor(10)).isEqualTo(1.0);
  }

  @Test
  void intermittent_flaps_on_and_off() {
    ErrorPattern.Intermittent pattern = new ErrorPattern.Intermittent(0.5, 10, 30);
    long on = 0;
    for (Emission e : run(service(pattern, 42), 4_000)) {
      if (pattern.isOn(e.tick())) {
        on += e.errors().size();
      } else {
        assertThat(e.errors()).as("tick %d is off", e.tick()).isEmpty();
      }
    }
    assertThat(on).isBetween(400L, 600L); // 1,000 on-ticks at 0.5
  }

  @Test
  void replay_of_a_loghub_file_yields_its_error_lines() throws IOException {
    List<String> lines = resourceLines("loghub/Zookeeper/Zookeeper_2k.log");
    long expected = resourceLines("loghub/Zookeeper/Zookeeper_2k.log_structured.csv").stream().skip(1)
        .filter(l -> l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")[3].equals("ERROR")).count();
    ReplaySource replay = new ReplaySource("zookeeper", lines, 7, false);
    List<Emission> emissions = new ArrayList<>();
    while (!replay.finished()) {
      emissions.add(replay.tick(T0));
    }
    assertThat(emissions.stream().mapToLong(e -> e.lines().size()).sum()).isEqualTo(2000);
    assertThat(emissions.stream().mapToLong(e -> e.errors().size()).sum()).isEqualTo(expected).isEqualTo(13);
    assertThat(emissions.get(0).lines()).hasSize(7);
    Emission.Error first = emissions.stream().flatMap(e -> e.errors().stream()).findFirst().orElseThrow();
    assertThat(first.severity()).isEqualTo(Severity.SEV2);
    assertThat(first.rawLog()).contains(" - ERROR ");
  }

  @Test
  void a_looping_replay_starts_over() {
    ReplaySource replay = new ReplaySource("x", List.of("a INFO one", "b ERROR two"), 3, true);
    Emission e = replay.tick(T0);
    assertThat(e.lines()).extracting(Emission.Line::text).containsExactly("a INFO one", "b ERROR two", "a INFO one");
    assertThat(e.errors()).hasSize(1);
    assertThat(replay.finished()).isFalse();
  }

  @ParameterizedTest(name = "{0} at {1} -> {2}")
  @CsvSource({
      "High error rate detected, ERROR, SEV1",
      "Service degradation, CRITICAL, SEV1",
      "Memory leak detected, CRITICAL, SEV1",
      "Database connection timeout, ERROR, SEV2",
      "API endpoint returning 500, ERROR, SEV2",
      "Timeout, ERROR, SEV3",
      "Connection error, ERROR, SEV3",
      "Something else, ERROR, SEV3",
      "Something else, CRITICAL, SEV2",
      "Disk full, CRITICAL, SEV1",
      "Queue backlog, ERROR, SEV2"})
  void severity_follows_the_seed_rules_extended(String type, String level, Severity severity) {
    assertThat(SeverityRules.of(type, level)).isEqualTo(severity);
  }

  @Test
  void the_catalogue_is_wider_than_the_seeds_five_and_fills_every_placeholder() {
    assertThat(ErrorType.CATALOGUE).hasSizeGreaterThan(10);
    java.util.Random random = new java.util.Random(1);
    for (ErrorType type : ErrorType.CATALOGUE) {
      assertThat(type.fill(random)).doesNotContain("{").doesNotContain("}");
    }
  }

  @Test
  void stats_count_errors_per_type_and_per_minute() {
    ServiceStats stats = new ServiceStats();
    Emission two = new Emission(0, List.of(), List.of(
        new Emission.Error("Disk full", "CRITICAL", Severity.SEV1, "d", "d"),
        new Emission.Error("Timeout", "ERROR", Severity.SEV3, "t", "t")));
    stats.record(two, T0);
    stats.record(two, T0.plusSeconds(50));
    assertThat(stats.errors()).isEqualTo(4);
    assertThat(stats.errorsByType()).containsEntry("Disk full", 2L).containsEntry("Timeout", 2L);
    assertThat(stats.errorsInLastMinute(T0.plusSeconds(70))).isEqualTo(2);
    assertThat(stats.lastErrorAt()).isEqualTo(T0.plusSeconds(50));
  }

  private static List<String> resourceLines(String name) throws IOException {
    try (InputStream in = SimulatorPatternsTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
