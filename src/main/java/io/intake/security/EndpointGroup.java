package io.intake.security;

import java.util.Locale;

/**
 * Which API keys guard an endpoint. Every path belongs to a group; anything not listed here is
 * {@link #INGEST}, so a route added later is protected until someone decides otherwise.
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

  /**
   * @param method HTTP method name
   * @param path   the normalized request path
   */
  public static EndpointGroup of(String method, String path) {
    if (path.equals("/healthz") || path.equals("/readyz")) {
      return OPEN;
    }
    if ("GET".equals(method) || "HEAD".equals(method)) {
      if (path.equals("/") || path.equals("/ui") || path.startsWith("/ui/") || path.startsWith("/webjars/")) {
        return OPEN;
      }
    }
    if (path.startsWith("/webhooks/")) {
      return WEBHOOKS;
    }
    if (path.startsWith("/admin/") || path.equals("/stats") || path.startsWith("/monitoring/")
        || path.startsWith("/watcher/")
        // GET /metrics is the Prometheus scrape; POST /metrics (seed 004 batches) is ingest.
        || (path.equals("/metrics") && "GET".equals(method))) {
      return ADMIN;
    }
    return INGEST;
  }

  /** The source segment of a webhook path ({@code /webhooks/pagerduty} → pagerduty), or null. */
  public static String webhookSource(String path) {
    if (!path.startsWith("/webhooks/")) {
      return null;
    }
    String rest = path.substring("/webhooks/".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }
}
