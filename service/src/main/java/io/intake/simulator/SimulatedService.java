package io.intake.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A service that logs one normal line per tick (INFO, WARN or DEBUG, with components, request ids
 * and latencies) and errors from its catalogue at the rate its pattern sets. The same seed gives
 * the same sequence.
 */
public final class SimulatedService implements SimulatedSource {

  private static final String[] ENDPOINTS = {"/api/v1/users", "/api/v1/orders", "/api/v1/payments", "/health", "/login"};
  private static final String[] COMPONENTS = {"http", "db", "cache", "scheduler", "client"};

  private final String service;
  private final ErrorPattern pattern;
  private final List<ErrorType> catalogue;
  private final Random random;
  private long tick;

  public SimulatedService(String service, ErrorPattern pattern, List<ErrorType> catalogue, long seed) {
    if (catalogue.isEmpty()) {
      throw new IllegalArgumentException("a service needs at least one error type");
    }
    this.service = service;
    this.pattern = pattern;
    this.catalogue = List.copyOf(catalogue);
    // Each service draws from its own stream: adding a service does not change the others.
    this.random = new Random(seed ^ service.hashCode());
  }

  @Override
  public String service() {
    return service;
  }

  @Override
  public String pattern() {
    return pattern.name();
  }

  @Override
  public Emission tick(Instant now) {
    long current = tick++;
    List<Emission.Line> lines = new ArrayList<>();
    lines.add(normalLine(now, current));
    List<Emission.Error> errors = new ArrayList<>();
    int count = draw(pattern.expectedErrors(current));
    for (int i = 0; i < count; i++) {
      ErrorType type = catalogue.get(random.nextInt(catalogue.size()));
      String message = type.fill(random);
      String line = format(now, type.level(), type.component(), message + " request_id=" + requestId());
      lines.add(new Emission.Line(type.level(), line));
      errors.add(new Emission.Error(type.name(), type.level(), type.severity(), message, line));
    }
    return new Emission(current, lines, errors);
  }

  /** floor(mean) errors plus one more with probability frac(mean). */
  private int draw(double mean) {
    int whole = (int) Math.floor(mean);
    return whole + (random.nextDouble() < mean - whole ? 1 : 0);
  }

  private Emission.Line normalLine(Instant now, long current) {
    double roll = random.nextDouble();
    String level = roll < 0.6 ? "INFO" : roll < 0.85 ? "DEBUG" : "WARN";
    long latency = Math.round((5 + random.nextInt(120)) * pattern.latencyFactor(current));
    String component = COMPONENTS[random.nextInt(COMPONENTS.length)];
    String endpoint = ENDPOINTS[random.nextInt(ENDPOINTS.length)];
    String message = switch (level) {
      case "INFO" -> "GET " + endpoint + " 200 in " + latency + "ms request_id=" + requestId();
      case "DEBUG" -> "pool stats active=" + random.nextInt(20) + " idle=" + random.nextInt(10) + " waiting=0";
      default -> "slow request " + endpoint + " took " + (latency * 10) + "ms request_id=" + requestId();
    };
    return new Emission.Line(level, format(now, level, component, message));
  }

  private String format(Instant now, String level, String component, String message) {
    return now + " " + String.format("%-8s", level) + "[" + service + "] [" + component + "] " + message;
  }

  private String requestId() {
    return Long.toHexString(random.nextLong() & 0xffffffffffffL);
  }
}
