package io.intake.ops;

import io.intake.ops.StatusReport.Answer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code intake status}: asks a running Intake how it is ({@code /healthz}, {@code /readyz},
 * {@code /stats}) and says so for a person, or as JSON with {@code --json}. Exit status 0 healthy,
 * 1 degraded (serving, with a problem: not ready, Learner unreachable, deliveries stuck), 2 down
 * or unreachable. Touches neither Vert.x nor the logging system: standard output is the report only.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show a running Intake's health, readiness and freshness. Exit 0 healthy, 1 degraded, 2 down or unreachable.")
public final class StatusCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--url", description = "Base URL of the service (default: INTAKE_URL, else http://localhost:PORT with "
      + "INGEST_SERVICE_PORT or PORT, else 8001).")
  String url;

  @Option(names = "--api-key", description = "Admin API key for /stats (default: INTAKE_API_KEY, else the first of "
      + "INTAKE_ADMIN_API_KEYS, else the development key). Without it the report has no enrichment figures.")
  String apiKey;

  @Option(names = "--json", description = "Print one JSON object (for scripts) instead of text.")
  boolean json;

  @Option(names = "--timeout-ms", description = "Per request (default: ${DEFAULT-VALUE}).")
  long timeoutMs = 5000;

  private final Map<String, String> env;

  public StatusCommand() {
    this(System.getenv());
  }

  /** @param env where the defaults come from (tests give their own) */
  public StatusCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    String base = (url != null ? url : defaultUrl(env)).replaceAll("/+$", "");
    String key = apiKey != null ? apiKey : defaultApiKey(env);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(timeoutMs)).build();
    Answer health = get(client, base + "/healthz", null);
    // Not live, nothing more to ask; a dead port answers nothing else either.
    Answer ready = health.status() == 0 ? Answer.failed("not asked") : get(client, base + "/readyz", null);
    Answer stats = health.status() == 0 ? Answer.failed("not asked") : get(client, base + "/stats", key);
    StatusReport report = new StatusReport(base, health, ready, stats, Instant.now());
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? report.toJson().encodePrettily() + System.lineSeparator() : report.toText());
    out.flush();
    return report.verdict().exitCode;
  }

  static String defaultUrl(Map<String, String> env) {
    if (present(env.get("INTAKE_URL"))) {
      return env.get("INTAKE_URL").strip();
    }
    for (String name : new String[] {"INGEST_SERVICE_PORT", "PORT"}) {
      if (present(env.get(name))) {
        return "http://localhost:" + env.get(name).strip();
      }
    }
    return "http://localhost:8001";
  }

  /**
   * The key the operator has at hand: their own ({@code INTAKE_API_KEY}), the service's admin
   * keys when the command runs where the service's environment is set, else the development key
   * the shipped configuration accepts.
   */
  static String defaultApiKey(Map<String, String> env) {
    if (present(env.get("INTAKE_API_KEY"))) {
      return env.get("INTAKE_API_KEY").strip();
    }
    if (present(env.get("INTAKE_ADMIN_API_KEYS"))) {
      for (String k : env.get("INTAKE_ADMIN_API_KEYS").split(",")) {
        if (!k.isBlank()) {
          return k.strip();
        }
      }
    }
    return "development-key";
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private Answer get(HttpClient client, String target, String key) {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofMillis(timeoutMs))
          .header("Accept", "application/json").GET();
    } catch (IllegalArgumentException e) {
      return Answer.failed("not a URL: " + target);
    }
    if (key != null && !key.isBlank()) {
      request.header("X-API-Key", key);
    }
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), parse(response.body()), null);
    } catch (HttpTimeoutException e) {
      return Answer.failed("no answer within " + timeoutMs + " ms");
    } catch (IOException e) {
      return Answer.failed(e.getMessage() == null ? "connection refused or closed (" + e.getClass().getSimpleName() + ")" : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.failed("interrupted");
    }
  }

  private static JsonObject parse(String body) {
    try {
      return body == null || body.isBlank() ? null : new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }
}
