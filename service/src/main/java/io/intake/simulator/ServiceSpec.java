package io.intake.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One configured simulated service:
 * {@code {"name", "log_interval" (seconds), "error_probability", "pattern": {"type", …}, "errors": [names], "replay": {"file", "lines_per_tick", "loop"}}}.
 */
public record ServiceSpec(String name, double logInterval, double errorProbability, JsonObject pattern,
                          List<String> errors, JsonObject replay) {

  public static ServiceSpec fromJson(JsonObject json) {
    List<String> errors = new ArrayList<>();
    json.getJsonArray("errors", new JsonArray()).forEach(e -> errors.add(String.valueOf(e)));
    ServiceSpec spec = new ServiceSpec(
        json.getString("name", "api-service"),
        json.getDouble("log_interval", 5.0),
        json.getDouble("error_probability", 0.05),
        json.getJsonObject("pattern", new JsonObject().put("type", "steady")),
        errors,
        json.getJsonObject("replay", new JsonObject()));
    spec.validate();
    return spec;
  }

  public ServiceSpec withOverrides(String newName, Double probability, Double interval) {
    return new ServiceSpec(newName == null ? name : newName, interval == null ? logInterval : interval,
        probability == null ? errorProbability : probability, pattern, errors, replay);
  }

  void validate() {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("simulator service name must not be blank");
    }
    if (!(logInterval > 0)) {
      throw new IllegalArgumentException("log_interval of " + name + " must be > 0 seconds");
    }
    if (!(errorProbability >= 0 && errorProbability <= 1)) {
      throw new IllegalArgumentException("error_probability of " + name + " must be within 0..1");
    }
  }

  public String patternType() {
    return pattern.getString("type", "steady");
  }

  /** Builds the source; replay files are read here (a file path, or a resource in the jar). */
  public SimulatedSource source(long seed) {
    if (patternType().equals("replay")) {
      return new ReplaySource(name, readLines(replay.getString("file", "replay/Zookeeper_2k.log")),
          replay.getInteger("lines_per_tick", 1), replay.getBoolean("loop", true));
    }
    List<ErrorType> catalogue = errors.isEmpty() ? ErrorType.CATALOGUE : errors.stream().map(ErrorType::named).toList();
    return new SimulatedService(name, errorPattern(), catalogue, seed);
  }

  ErrorPattern errorPattern() {
    JsonObject p = pattern;
    return switch (patternType()) {
      case "steady" -> new ErrorPattern.Steady(errorProbability);
      case "burst" -> new ErrorPattern.Burst(errorProbability, p.getLong("period_ticks", 120L),
          p.getLong("burst_ticks", 10L), p.getDouble("errors_per_tick", 3.0));
      case "gradual_degradation" -> new ErrorPattern.GradualDegradation(errorProbability,
          p.getDouble("peak_probability", 0.8), p.getLong("healthy_ticks", 60L), p.getLong("ramp_ticks", 120L),
          p.getLong("recovery_ticks", 60L));
      case "intermittent" -> new ErrorPattern.Intermittent(p.getDouble("on_probability", Math.max(errorProbability, 0.5)),
          p.getLong("on_ticks", 10L), p.getLong("off_ticks", 30L));
      default -> throw new IllegalArgumentException("pattern of " + name + " must be one of steady, burst, "
          + "gradual_degradation, intermittent, replay");
    };
  }

  static List<String> readLines(String file) {
    try {
      Path path = Path.of(file);
      if (Files.isRegularFile(path)) {
        return Files.readAllLines(path, StandardCharsets.UTF_8);
      }
      try (InputStream in = ServiceSpec.class.getClassLoader().getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalArgumentException("replay file not found: " + file);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
