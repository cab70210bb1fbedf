package io.intake.security;

import java.util.Locale;

/**
 * Which API keys guard an endpoint. Every route is registered with its group
 * ({@code http/Routes}); the group is read from the matched route, never derived from the path.
 */
public enum EndpointGroup {
  /** Liveness and readiness: probes never carry keys. The console's static files (no data in them). */
  OPEN,
  /** Work items, outcomes, telemetry: what clients and agents send and read. */
  INGEST,
  /** {@code /webhooks/*}: other systems calling us, authenticated by signature or key. */
  WEBHOOKS,
  /** Operators: outbox, stats, simulator control, watcher status, Prometheus scrape. */
  ADMIN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
