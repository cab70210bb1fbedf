package io.intake.simulator;

import io.intake.model.Severity;
import java.util.List;
import java.util.Random;

/**
 * One kind of failure a simulated service can have.
 *
 * @param name      the error type, also its aggregation key (the seed's five are among them)
 * @param template  message with {@code {placeholders}} filled from {@link #fill}
 * @param level     ERROR or CRITICAL
 * @param component the part of the service that logs it
 */
public record ErrorType(String name, String template, String level, String component) {

  /** The seed's five plus the failures on-call engineers see most. */
  public static final List<ErrorType> CATALOGUE = List.of(
      new ErrorType("High error rate detected", "High error rate detected: {n} errors/sec on {endpoint}", "ERROR", "http"),
      new ErrorType("Database connection timeout", "Database connection timeout after {ms}ms (pool {pool})", "ERROR", "db"),
      new ErrorType("Memory leak detected", "Memory leak detected: heap at {pct}% and growing", "CRITICAL", "jvm"),
      new ErrorType("API endpoint returning 500", "API endpoint {endpoint} returning 500 ({n} in the last minute)", "ERROR", "http"),
      new ErrorType("Service degradation", "Service degradation: p99 latency {ms}ms on {endpoint}", "CRITICAL", "http"),
      new ErrorType("Connection pool exhausted", "Connection pool {pool} exhausted: {n}/{n} connections in use", "ERROR", "db"),
      new ErrorType("Upstream 5xx burst", "Burst of {n} HTTP 5xx responses from upstream {dependency}", "ERROR", "client"),
      new ErrorType("Memory pressure", "Memory pressure: GC pause {ms}ms, old gen at {pct}%", "ERROR", "jvm"),
      new ErrorType("Disk full", "Disk full on {mount}: {pct}% used", "CRITICAL", "storage"),
      new ErrorType("TLS certificate expiring", "TLS certificate for {host} expires in {days} days", "ERROR", "tls"),
      new ErrorType("Queue backlog", "Queue backlog on {queue}: {n} messages waiting", "ERROR", "queue"),
      new ErrorType("Dependency down", "Dependency {dependency} is down: connection refused", "CRITICAL", "client"),
      new ErrorType("Timeout", "Timeout calling {dependency} after {ms}ms", "ERROR", "client"),
      new ErrorType("Connection error", "Connection error to {dependency}: connection reset by peer", "ERROR", "client"));

  private static final String[] ENDPOINTS = {"/api/v1/users", "/api/v1/orders", "/api/v1/payments", "/checkout", "/login"};
  private static final String[] DEPENDENCIES = {"payments-gateway", "inventory-service", "redis", "postgres-primary", "auth-service"};
  private static final String[] POOLS = {"primary", "replica", "reporting"};
  private static final String[] MOUNTS = {"/var/lib/postgresql", "/var/log", "/data"};
  private static final String[] QUEUES = {"orders.created", "emails.outbound", "payments.settle"};
  private static final String[] HOSTS = {"api.example.com", "payments.example.com", "auth.example.com"};

  public static ErrorType named(String name) {
    return CATALOGUE.stream().filter(e -> e.name.equalsIgnoreCase(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown error type '" + name + "'"));
  }

  /** A concrete message: placeholders replaced by plausible values drawn from {@code random}. */
  public String fill(Random random) {
    return template
        .replace("{endpoint}", pick(ENDPOINTS, random))
        .replace("{dependency}", pick(DEPENDENCIES, random))
        .replace("{pool}", pick(POOLS, random))
        .replace("{mount}", pick(MOUNTS, random))
        .replace("{queue}", pick(QUEUES, random))
        .replace("{host}", pick(HOSTS, random))
        .replace("{days}", Integer.toString(1 + random.nextInt(14)))
        .replace("{pct}", Integer.toString(85 + random.nextInt(15)))
        .replace("{ms}", Integer.toString(1000 + random.nextInt(29_000)))
        .replace("{n}", Integer.toString(20 + random.nextInt(980)));
  }

  /**
   * Severity as the monitoring service's {@code determine_severity} decides it (high error rates, degradation
   * and leaks are sev1; database and 500s sev2; timeouts and connection errors sev3), extended:
   * anything CRITICAL that takes the service down is sev1, resource exhaustion sev2.
   */
  public Severity severity() {
    return SeverityRules.of(name, level);
  }

  private static String pick(String[] values, Random random) {
    return values[random.nextInt(values.length)];
  }
}
