package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CORS per origin list ({@code http.cors.origins}): a preflight from a listed origin is answered
 * before the key check, with the headers a page needs; another origin gets no CORS header; with no
 * origin configured (the default) nothing changes.
 */
@ExtendWith(VertxExtension.class)
class CorsTest {

  private static final String ALLOWED = "https://ops.example.com";
  private static final String OTHER = "https://evil.example.net";

  private static RunningApp withCors;
  private static RunningApp byDefault;

  @BeforeAll
  static void start(Vertx vertx) {
    withCors = RunningApp.start(vertx, new JsonObject().put("http", new JsonObject()
        .put("cors", new JsonObject().put("origins", new JsonArray().add(ALLOWED).add("http://localhost:3000")))));
    byDefault = RunningApp.start(vertx);
  }

  @AfterAll
  static void stop() {
    withCors.close();
    byDefault.close();
  }

  /** A browser's preflight: no key, the method and headers the real request will use. */
  private static HttpResponse<Buffer> preflight(Http http, String origin, String path) {
    return TestApp.await(http.withApiKey(null).request(HttpMethod.OPTIONS, path)
        .putHeader("Origin", origin)
        .putHeader("Access-Control-Request-Method", "POST")
        .putHeader("Access-Control-Request-Headers", "x-api-key, content-type, x-correlation-id")
        .send());
  }

  private static Set<String> list(String header) {
    return header == null ? Set.of() : Arrays.stream(header.split(","))
        .map(s -> s.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  @Test
  void a_preflight_from_a_listed_origin_is_answered_without_a_key() {
    for (String path : new String[] {"/ingest/demo", "/work-items", "/webhooks/pagerduty", "/stats"}) {
      HttpResponse<Buffer> answer = preflight(withCors.http(), ALLOWED, path);
      assertThat(answer.statusCode()).as(path).isEqualTo(204);
      assertThat(answer.getHeader("Access-Control-Allow-Origin")).as(path).isEqualTo(ALLOWED);
      assertThat(list(answer.getHeader("Access-Control-Allow-Methods"))).as(path).contains("post", "get");
      assertThat(list(answer.getHeader("Access-Control-Allow-Headers")))
          .as(path).contains("x-api-key", "content-type", "x-correlation-id", "authorization");
      assertThat(answer.getHeader("Access-Control-Max-Age")).isEqualTo(String.valueOf(CorsPolicy.MAX_AGE_SECONDS));
      assertThat(answer.getHeader("Access-Control-Allow-Credentials")).isNull();
    }
  }

  @Test
  void the_real_request_from_a_listed_origin_still_needs_its_key_and_exposes_the_correlation_id() {
    Http http = withCors.http();
    HttpResponse<Buffer> ok = TestApp.await(http.request(HttpMethod.GET, "/work-items").putHeader("Origin", ALLOWED).send());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.getHeader("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
    assertThat(list(ok.getHeader("Access-Control-Expose-Headers"))).contains("x-correlation-id", "retry-after");

    HttpResponse<Buffer> created = TestApp.await(http.request(HttpMethod.POST, "/ingest/demo").putHeader("Origin", "http://localhost:3000")
        .sendJsonObject(new JsonObject().put("service", "web").put("severity", "sev3").put("description", "from a page")));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.getHeader("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");

    HttpResponse<Buffer> keyless = TestApp.await(http.withApiKey(null).request(HttpMethod.GET, "/work-items")
        .putHeader("Origin", ALLOWED).send());
    assertThat(keyless.statusCode()).isEqualTo(401);
  }

  @Test
  void another_origin_gets_no_cors_header() {
    HttpResponse<Buffer> answer = preflight(withCors.http(), OTHER, "/ingest/demo");
    assertThat(answer.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(answer.getHeader("Access-Control-Allow-Headers")).isNull();
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isNotEqualTo(204);
    // Not routed: OPTIONS is no method of the API, answered in the API's error shape.
    assertThat(answer.statusCode()).isEqualTo(405);
    assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("method_not_allowed");

    HttpResponse<Buffer> real = TestApp.await(withCors.http().request(HttpMethod.GET, "/work-items").putHeader("Origin", OTHER).send());
    assertThat(real.getHeader("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void the_consoles_own_requests_from_its_origin_are_unaffected() {
    // Browsers send Origin on a same-origin POST too: the console's page is not a listed origin.
    Http http = withCors.http();
    String self = "http://127.0.0.1:" + http.port();
    HttpResponse<Buffer> created = TestApp.await(http.request(HttpMethod.POST, "/ingest/demo").putHeader("Origin", self)
        .sendJsonObject(new JsonObject().put("service", "web").put("severity", "sev3").put("description", "from the console")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> listed = TestApp.await(http.request(HttpMethod.GET, "/console/work-items").putHeader("Origin", self).send());
    assertThat(listed.statusCode()).as(listed.bodyAsString()).isEqualTo(200);
  }

  @Test
  void with_no_origin_configured_no_cors_header_is_sent() {
    HttpResponse<Buffer> answer = preflight(byDefault.http(), ALLOWED, "/ingest/demo");
    assertThat(answer.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(answer.getHeader("Access-Control-Allow-Methods")).isNull();
    assertThat(answer.statusCode()).isNotEqualTo(204);
    assertThat(answer.statusCode()).isEqualTo(405);

    HttpResponse<Buffer> real = TestApp.await(byDefault.http().request(HttpMethod.GET, "/work-items").putHeader("Origin", ALLOWED).send());
    assertThat(real.statusCode()).isEqualTo(200);
    assertThat(real.getHeader("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void an_origin_that_is_not_an_origin_is_refused_at_start() {
    for (String bad : new String[] {"ops.example.com", "https://ops.example.com/", "https://ops.example.com/path"}) {
      JsonObject http = new JsonObject().put("cors", new JsonObject().put("origins", new JsonArray().add(bad)));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpSettings.fromJson(http))
          .as(bad).hasMessageContaining("http.cors.origins");
    }
    assertThat(HttpSettings.fromJson(new JsonObject().put("cors", new JsonObject().put("origins", new JsonArray().add("*"))))
        .corsOrigins()).containsExactly("*");
  }
}
