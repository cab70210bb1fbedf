package io.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.RawHttp;
import io.intake.support.RunningApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14, defect 1: {@code GET /stats/} with an ingest key answered the admin stats. Every route,
 * in every spelling the router might accept (trailing slash, doubled slashes, percent-encoding,
 * dot segments, case), with every kind of key: a key of another group gets 401 whenever the
 * route is reached, and nothing but 401/404/405 otherwise; the group's own key is never refused.
 * Requests go over a raw socket so no client tidies the path first.
 */
@ExtendWith(VertxExtension.class)
class RouteGroupTest {

  private static final Map<EndpointGroup, String> KEYS = Map.of(
      EndpointGroup.INGEST, "ingest-key", EndpointGroup.WEBHOOKS, "hook-key", EndpointGroup.ADMIN, "admin-key");

  private record Endpoint(String method, String path, EndpointGroup group) {
  }

  /** Every route of HttpVerticle with the group it must have (concrete ids for path parameters). */
  private static final List<Endpoint> ROUTES = List.of(
      new Endpoint("GET", "/healthz", EndpointGroup.OPEN),
      new Endpoint("GET", "/readyz", EndpointGroup.OPEN),
      new Endpoint("GET", "/metrics", EndpointGroup.OPEN),
      new Endpoint("GET", "/health", EndpointGroup.OPEN),
      new Endpoint("GET", "/openapi.json", EndpointGroup.OPEN),
      new Endpoint("GET", "/stats", EndpointGroup.ADMIN),
      new Endpoint("GET", "/watcher/status", EndpointGroup.ADMIN),
      new Endpoint("GET", "/monitoring/status", EndpointGroup.ADMIN),
      new Endpoint("POST", "/monitoring/stop", EndpointGroup.ADMIN),
      new Endpoint("GET", "/admin/outbox", EndpointGroup.ADMIN),
      new Endpoint("POST", "/admin/outbox/1/replay", EndpointGroup.ADMIN),
      new Endpoint("POST", "/ingest/demo", EndpointGroup.INGEST),
      new Endpoint("POST", "/work-items", EndpointGroup.INGEST),
      new Endpoint("GET", "/work-items", EndpointGroup.INGEST),
      new Endpoint("GET", "/work-items/wi_nothing", EndpointGroup.INGEST),
      new Endpoint("GET", "/work-items/wi_nothing/similar", EndpointGroup.INGEST),
      new Endpoint("POST", "/work-items/wi_nothing/outcome", EndpointGroup.INGEST),
      new Endpoint("POST", "/search", EndpointGroup.INGEST),
      new Endpoint("POST", "/api/logs/ingest", EndpointGroup.INGEST),
      new Endpoint("POST", "/logs", EndpointGroup.INGEST),
      new Endpoint("POST", "/metrics", EndpointGroup.INGEST),
      new Endpoint("GET", "/patterns", EndpointGroup.INGEST),
      new Endpoint("POST", "/v1/events", EndpointGroup.INGEST),
      new Endpoint("GET", "/v1/metrics/overview", EndpointGroup.INGEST),
      new Endpoint("POST", "/webhooks/jira", EndpointGroup.WEBHOOKS),
      new Endpoint("POST", "/webhooks/pagerduty", EndpointGroup.WEBHOOKS),
      new Endpoint("POST", "/webhooks/alertmanager", EndpointGroup.WEBHOOKS),
      new Endpoint("POST", "/webhooks/datadog", EndpointGroup.WEBHOOKS));

  private static RunningApp app;

  @BeforeAll
  static void start(Vertx vertx) {
    app = RunningApp.start(vertx, new JsonObject().put("http", new JsonObject()
        .put("security", new JsonObject()
            .put("rate_limit", new JsonObject().put("requests_per_second", 0))
            .put("api_keys", new JsonObject()
                .put("ingest", new JsonArray().add(KEYS.get(EndpointGroup.INGEST)))
                .put("webhooks", new JsonArray().add(KEYS.get(EndpointGroup.WEBHOOKS)))
                .put("admin", new JsonArray().add(KEYS.get(EndpointGroup.ADMIN)))))));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** Spellings of a path; true: the router reaches the same route (Vert.x normalizes these). */
  private static Map<String, Boolean> spellings(String path) {
    Map<String, Boolean> all = new LinkedHashMap<>();
    all.put(path, true);
    all.put(path + "/", true);
    all.put("/" + path, true);
    all.put(path.replace("/", "//"), true);
    all.put(path + "//", true);
    all.put("/%" + Integer.toHexString(path.charAt(1)) + path.substring(2), true);
    all.put("/x/.." + path, true);
    all.put(path + "/.", true);
    all.put(path + "?", true);
    all.put(path.toUpperCase(Locale.ROOT), false);
    all.put(path.substring(0, 2).toUpperCase(Locale.ROOT) + path.substring(2), false);
    if (path.indexOf('/', 1) > 0) {
      all.put(path.substring(0, path.indexOf('/', 1)) + "%2F" + path.substring(path.indexOf('/', 1) + 1), false);
      all.put(path.substring(0, path.indexOf('/', 1)) + "%2f" + path.substring(path.indexOf('/', 1) + 1), false);
    }
    return all;
  }

  private static RawHttp.Response call(Endpoint route, String target, String key) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (key != null) {
      headers.put("X-API-Key", key);
    }
    byte[] body = null;
    if (route.method().equals("POST")) {
      headers.put("Content-Type", "application/json");
      body = "{}".getBytes(StandardCharsets.UTF_8);
    }
    return RawHttp.send(app.http().port(), route.method(), target, headers, body);
  }

  @Test
  void every_route_in_every_spelling_is_guarded_by_the_group_it_was_registered_with() {
    List<String> problems = new ArrayList<>();
    int requests = 0;
    for (Endpoint route : ROUTES) {
      for (Map.Entry<String, Boolean> spelling : spellings(route.path()).entrySet()) {
        String target = spelling.getKey();
        boolean reached = spelling.getValue();
        List<String> presented = new ArrayList<>(KEYS.values());
        presented.add("wrong-key");
        presented.add(null);
        for (String key : presented) {
          RawHttp.Response response = call(route, target, key);
          requests++;
          boolean accepted = route.group() == EndpointGroup.OPEN || key != null && key.equals(KEYS.get(route.group()));
          int status = response.status();
          String where = route.method() + " " + target + " key=" + key + " -> " + status;
          if (status >= 500) {
            problems.add(where + " (5xx)");
          } else if (!reached) {
            if (status != 404 && status != 405) {
              problems.add(where + " (expected 404: not this route)");
            }
          } else if (accepted && status == 401) {
            problems.add(where + " (the group's own key refused)");
          } else if (!accepted && status != 401) {
            problems.add(where + " (expected 401: key of another group)");
          }
        }
      }
    }
    assertThat(requests).isGreaterThan(1000);
    assertThat(problems).as("route/spelling/key combinations that broke the rule").isEmpty();
  }

  @Test
  void admin_stats_with_a_trailing_slash_and_an_ingest_key_is_refused() {
    RawHttp.Response response = RawHttp.send(app.http().port(), "GET", "/stats/",
        Map.of("X-API-Key", KEYS.get(EndpointGroup.INGEST)), null);
    assertThat(response.status()).as(response.body()).isEqualTo(401);
    assertThat(RawHttp.send(app.http().port(), "GET", "/stats/",
        Map.of("X-API-Key", KEYS.get(EndpointGroup.ADMIN)), null).status()).isEqualTo(200);
  }
}
