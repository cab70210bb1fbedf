package io.intake.ops;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code intake status} makes of a running service's {@code /healthz}, {@code /readyz} and
 * {@code /stats}: one verdict with its exit code, the reasons for it, and the same facts as text
 * for a person or as JSON for a script. Pure: the answers come in, the report goes out.
 */
public final class StatusReport {

  /** How a verdict maps to an exit code: 0 all well, 1 serving with a problem, 2 not serving. */
  public enum Verdict {
    HEALTHY(0), DEGRADED(1), DOWN(2);

    public final int exitCode;

    Verdict(int exitCode) {
      this.exitCode = exitCode;
    }
  }

  /**
   * One HTTP answer.
   *
   * @param status the HTTP status, 0 when there was no answer
   * @param body   the JSON body, null when there was none or it was not JSON
   * @param error  why there was no answer (connection refused, timeout), else null
   */
  public record Answer(int status, JsonObject body, String error) {

    public static Answer failed(String error) {
      return new Answer(0, null, error);
    }

    boolean ok() {
      return status == 200 && body != null;
    }

    String describe() {
      return error != null ? error : "HTTP " + status;
    }
  }

  /** Outcomes older than this waiting for a reachable Learner mean deliveries are stuck. */
  static final Duration OUTBOX_STUCK = Duration.ofMinutes(10);

  private final String url;
  private final Answer health;
  private final Answer ready;
  private final Answer stats;
  private final Instant now;
  private final Verdict verdict;
  private final List<String> reasons = new ArrayList<>();

  public StatusReport(String url, Answer health, Answer ready, Answer stats, Instant now) {
    this.url = url;
    this.health = health;
    this.ready = ready;
    this.stats = stats;
    this.now = now;
    this.verdict = judge();
  }

  public Verdict verdict() {
    return verdict;
  }

  public List<String> reasons() {
    return List.copyOf(reasons);
  }

  private Verdict judge() {
    if (!health.ok()) {
      reasons.add(health.error != null ? "no answer from " + url + ": " + health.error
          : "not live: " + (health.body == null ? health.describe() : health.body.getString("reason", health.describe())));
      return Verdict.DOWN;
    }
    if (!ready.ok()) {
      JsonObject db = checks().getJsonObject("database", new JsonObject());
      reasons.add("not ready: " + (db.getString("error") != null ? "database " + db.getString("error") : ready.describe()));
    }
    JsonObject learner = learner();
    String breaker = learner.getString("breaker", "");
    if (breaker.equals("open") || breaker.equals("half_open")) {
      reasons.add("Learner unreachable (breaker " + breaker + ")"
          + (learner.getString("last_error") != null ? ": " + learner.getString("last_error") : ""));
    }
    JsonObject outbox = outbox();
    Number oldest = outbox.getNumber("oldest_pending_age_seconds");
    if (learner.getBoolean("url_configured", false) && oldest != null && oldest.longValue() > OUTBOX_STUCK.toSeconds()) {
      reasons.add("outbox: oldest pending outcome waits " + oldest.longValue() + " s (over " + OUTBOX_STUCK.toMinutes() + " min)");
    }
    return reasons.isEmpty() ? Verdict.HEALTHY : Verdict.DEGRADED;
  }

  private JsonObject checks() {
    return ready.body == null ? new JsonObject() : ready.body.getJsonObject("checks", new JsonObject());
  }

  /** From /stats when the key opened it, else from /readyz's checks (which need no key). */
  private JsonObject learner() {
    JsonObject fromStats = stats.ok() ? stats.body.getJsonObject("learner") : null;
    return fromStats != null ? fromStats : checks().getJsonObject("learner", new JsonObject());
  }

  private JsonObject outbox() {
    JsonObject fromStats = stats.ok() ? stats.body.getJsonObject("outbox") : null;
    return fromStats != null ? fromStats : checks().getJsonObject("outbox", new JsonObject());
  }

  /** For scripts: the verdict, its exit code and reasons, then the three answers as they came. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("url", url)
        .put("status", verdict.name().toLowerCase())
        .put("exit_code", verdict.exitCode)
        .put("reasons", new JsonArray(reasons))
        .put("healthz", answerJson(health))
        .put("readyz", answerJson(ready))
        .put("stats", answerJson(stats));
  }

  private static JsonObject answerJson(Answer a) {
    return new JsonObject().put("http_status", a.status == 0 ? null : a.status).put("error", a.error).put("body", a.body);
  }

  /** For people: a verdict line, then one line per part. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append("Intake at ").append(url).append(": ").append(verdict.name()).append('\n');
    reasons.forEach(r -> out.append("  ! ").append(r).append('\n'));
    if (health.body != null) {
      JsonObject h = health.body;
      line(out, "live", h.getString("status", "?") + ", up " + ago(h.getNumber("uptime")) + ", version " + h.getString("version", "?")
          + ", schema " + orDash(h.getString("schema_version")) + ", model " + orDash(h.getString("model"))
          + ", " + h.getNumber("errors_last_5m", 0) + " errors logged in the last 5 min");
    }
    if (ready.body != null) {
      JsonObject db = checks().getJsonObject("database", new JsonObject());
      line(out, "ready", ready.body.getString("status", "?") + " (database " + db.getString("status", "?")
          + (db.getValue("latency_ms") != null ? ", " + db.getValue("latency_ms") + " ms" : "")
          + (db.getString("error") != null ? ": " + db.getString("error") : "") + ")");
    } else if (health.ok()) {
      line(out, "ready", ready.describe());
    }
    if (!health.ok()) {
      return out.toString();
    }
    JsonObject learner = learner();
    line(out, "learner", !learner.getBoolean("url_configured", true) ? "not configured (outcomes wait in the outbox)"
        : "breaker " + learner.getString("breaker", "?") + ", " + learner.getNumber("delivered_total", 0) + " delivered, last "
            + at(learner.getString("last_delivery_at"))
            + (learner.getString("last_error") != null ? ", last error: " + learner.getString("last_error") : ""));
    JsonObject outbox = outbox();
    Number oldest = outbox.getNumber("oldest_pending_age_seconds");
    line(out, "outbox", outbox.getNumber("pending", 0) + " pending, oldest " + (oldest == null ? "-" : Math.round(oldest.doubleValue()))
        + " s, " + outbox.getNumber("dead", 0) + " dead letters");
    if (stats.ok()) {
      JsonObject enrichment = stats.body.getJsonObject("enrichment", new JsonObject());
      JsonObject unfinished = enrichment.getJsonObject("database", new JsonObject());
      line(out, "enrichment", "backlog " + orDash(unfinished.getValue("unfinished")) + " (queued " + orDash(enrichment.getValue("queued"))
          + ", in flight " + orDash(enrichment.getValue("in_flight")) + "), failed " + orDash(unfinished.getValue("failed"))
          + ", last " + at(freshness().getString("last_enrichment_at")));
    } else {
      line(out, "stats", stats.describe() + (stats.status == 401 ? " (give the admin key: --api-key or INTAKE_API_KEY)" : ""));
    }
    StringBuilder sources = new StringBuilder();
    freshness().getJsonObject("last_item_by_source", new JsonObject())
        .forEach(e -> sources.append(sources.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(at((String) e.getValue())));
    line(out, "last item", at(health.body.getString("last_item_at")) + (sources.length() == 0 ? "" : " (" + sources + ")"));
    return out.toString();
  }

  private JsonObject freshness() {
    return health.body.getJsonObject("freshness", new JsonObject());
  }

  private static void line(StringBuilder out, String name, String text) {
    out.append(String.format("  %-11s %s%n", name, text));
  }

  private static String orDash(Object value) {
    return value == null ? "-" : String.valueOf(value);
  }

  /** An instant as "how long ago", which is what a person checking freshness reads. */
  private String at(String iso) {
    if (iso == null) {
      return "never (since start)";
    }
    try {
      return ago(Duration.between(Instant.parse(iso), now).toMillis() / 1000.0) + " ago";
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  private static String ago(Number seconds) {
    if (seconds == null) {
      return "-";
    }
    long s = Math.max(0, seconds.longValue());
    if (s < 120) {
      return s + " s";
    }
    if (s < 7200) {
      return s / 60 + " min";
    }
    return s < 172_800 ? s / 3600 + " h" : s / 86_400 + " d";
  }
}
