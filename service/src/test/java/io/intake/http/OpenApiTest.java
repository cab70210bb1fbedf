package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.normalize.SourceDefinition;
import io.intake.normalize.SourceRegistry;
import io.intake.security.EndpointGroup;
import io.intake.support.Browser;
import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The OpenAPI document against the program: every route the router holds is documented (and
 * nothing else), open routes and only they say no key, each source's body is its validation
 * schema, every request example passes that schema and is accepted by the running app, and the
 * served document and the docs page work without a key and without the network.
 */
@ExtendWith(VertxExtension.class)
class OpenApiTest {

  private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"");

  private static RunningApp app;
  private static Http http;
  private static Http anonymous;
  private static JsonObject document;

  @BeforeAll
  static void start(Vertx vertx) {
    app = RunningApp.start(vertx);
    http = app.http();
    anonymous = http.withApiKey(null);
    HttpResponse<Buffer> served = anonymous.get("/openapi.json");
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.getHeader("Content-Type")).startsWith("application/json");
    document = served.bodyAsJsonObject();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** {@code GET /work-items/{id}} for every operation of the document. */
  private static Set<String> documentedOperations() {
    Set<String> out = new TreeSet<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (OPERATIONS.contains(method)) {
          out.add(method.toUpperCase(Locale.ROOT) + " " + path);
        }
      }
    }
    return out;
  }

  /** Router path to OpenAPI path: {@code :id} → {@code {id}}; a prefix route {@code /ui/*} → {@code /ui/{path}}. */
  static String openApiPath(Route route) {
    String path = route.getPath().replaceAll(":(\\w+)", "{$1}");
    return route.isExactPath() ? path : path + "{path}";
  }

  private static List<Route> routesOfALoneHttpVerticle(Vertx vertx) {
    HttpVerticle verticle = new HttpVerticle();
    String id = TestApp.await(vertx.deployVerticle(verticle,
        new DeploymentOptions().setConfig(new JsonObject().put("port", TestApp.freePort()))));
    try {
      List<Route> routes = new ArrayList<>();
      for (Route route : verticle.router().getRoutes()) {
        // Path-less routes are the handlers every request passes (context, CORS), not endpoints.
        if (route.getPath() != null) {
          routes.add(route);
        }
      }
      return routes;
    } finally {
      TestApp.await(vertx.undeploy(id));
    }
  }

  @Test
  void every_route_is_documented_and_every_documented_route_exists(Vertx vertx) {
    Set<String> registered = new TreeSet<>();
    for (Route route : routesOfALoneHttpVerticle(vertx)) {
      assertThat(route.methods()).as("%s has no method", route.getPath()).isNotEmpty();
      route.methods().forEach(m -> registered.add(m.name() + " " + openApiPath(route)));
    }
    Set<String> documented = documentedOperations();
    Set<String> undocumented = new TreeSet<>(registered);
    undocumented.removeAll(documented);
    Set<String> missing = new TreeSet<>(documented);
    missing.removeAll(registered);
    assertThat(undocumented).as("routes missing from openapi/openapi.yaml").isEmpty();
    assertThat(missing).as("documented routes the router does not have").isEmpty();
    assertThat(registered).hasSizeGreaterThan(40);
  }

  @Test
  void open_routes_and_only_they_need_no_key_in_the_document(Vertx vertx) {
    Map<String, String> wrong = new TreeMap<>();
    for (Route route : routesOfALoneHttpVerticle(vertx)) {
      EndpointGroup group = (EndpointGroup) route.getMetadata(Routes.GROUP);
      for (HttpMethod method : route.methods()) {
        JsonObject operation = document.getJsonObject("paths").getJsonObject(openApiPath(route))
            .getJsonObject(method.name().toLowerCase(Locale.ROOT));
        JsonArray security = operation.getJsonArray("security");
        boolean documentedOpen = security != null && security.isEmpty();
        if (documentedOpen != (group == EndpointGroup.OPEN)) {
          wrong.put(method.name() + " " + openApiPath(route), "group " + group + ", security " + security);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void each_source_takes_the_schema_its_definition_validates_with() {
    int sources = 0;
    for (SourceDefinition source : SourceRegistry.ALL) {
      if (source.route() == null) {
        continue;
      }
      sources++;
      JsonObject body = document.getJsonObject("paths").getJsonObject(source.route().path())
          .getJsonObject("post").getJsonObject("requestBody");
      assertThat(body.getBoolean("required")).as(source.name()).isTrue();
      assertThat(body.getJsonObject("content").getJsonObject("application/json").getJsonObject("schema").getString("$ref"))
          .as(source.name())
          .isEqualTo("#/components/schemas/" + source.route().schema());
    }
    assertThat(sources).isGreaterThanOrEqualTo(8);
  }

  @Test
  void the_served_document_is_3_1_self_contained_and_every_reference_resolves() {
    assertThat(document.getString("openapi")).startsWith("3.1.");
    assertThat(document.getJsonObject("info").getString("version")).isNotBlank().isNotEqualTo("set-at-start");
    // The schema files' own $defs come along, under the schema's new place.
    assertThat(document.getJsonObject("components").getJsonObject("schemas").getJsonObject("alertmanager-webhook")
        .getJsonObject("$defs")).isNotNull();
    List<String> refs = new ArrayList<>();
    walk(document, node -> {
      if (node.getValue("$ref") instanceof String ref) {
        refs.add(ref);
      }
    });
    assertThat(refs).hasSizeGreaterThan(100);
    List<String> broken = new ArrayList<>();
    for (String ref : refs) {
      if (!ref.startsWith("#/") || JsonPointer.from(ref.substring(1)).queryJson(document) == null) {
        broken.add(ref);
      }
    }
    assertThat(broken).as("references that do not resolve inside the document").isEmpty();
    // Schema files declare their dialect and id; inside the document the 3.1 default dialect applies.
    walk(document.getJsonObject("components").getJsonObject("schemas"), node ->
        assertThat(node.containsKey("$id")).as(node.encode()).isFalse());
  }

  @Test
  void the_served_document_is_valid_against_the_oas_3_1_schema(Vertx vertx) {
    // An independent reading: the OAS 3.1 schema (2022-10-07, with its JSON Schema 2020-12
    // dialect for every schema inside) as shipped by vertx-openapi, and its reference resolver.
    OpenAPIVersion version = OpenAPIVersion.fromContract(document);
    assertThat(version).isEqualTo(OpenAPIVersion.V3_1);
    SchemaRepository repository = TestApp.await(version.getRepository(vertx, "app:///"));
    OutputUnit result = TestApp.await(version.validateContract(vertx, repository, document.copy()));
    assertThat(result.getValid()).as(String.valueOf(result.getErrors())).isTrue();
    // The check bites: a response that is not an object, a schema keyword of the wrong type.
    JsonObject broken = document.copy();
    broken.getJsonObject("paths").getJsonObject("/health").getJsonObject("get").getJsonObject("responses").put("200", "fine");
    assertThat(TestApp.await(version.validateContract(vertx, repository, broken)).getValid()).isFalse();
    JsonObject resolved = TestApp.await(version.resolve(vertx, repository, document.copy()));
    assertThat(resolved.getJsonObject("paths").getJsonObject("/webhooks/alertmanager").getJsonObject("post")
        .getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json")
        .getJsonObject("schema").getJsonArray("required")).containsExactly("alerts");
  }

  @Test
  void every_schema_in_the_document_is_valid_json_schema_2020_12(Vertx vertx) {
    // The OAS schema above leaves Schema Objects to their dialect: each is checked against the
    // JSON Schema 2020-12 meta-schema here (the inlined validation files and ours alike).
    SchemaRepository repository = SchemaRepository.create(new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
        .setBaseUri("app:///")).preloadMetaSchema(vertx.fileSystem(), Draft.DRAFT202012);
    Validator meta = repository.validator("https://json-schema.org/draft/2020-12/schema");
    Map<String, Object> schemas = new TreeMap<>(document.getJsonObject("components").getJsonObject("schemas").getMap());
    walk(document.getJsonObject("paths"), node -> {
      if (node.getValue("schema") instanceof JsonObject schema) {
        schemas.put("inline #" + schemas.size(), schema);
      }
    });
    assertThat(schemas).hasSizeGreaterThan(60);
    Map<String, String> invalid = new TreeMap<>();
    schemas.forEach((name, schema) -> {
      OutputUnit result = meta.validate(schema instanceof Map<?, ?> m ? new JsonObject((Map<String, Object>) m) : schema);
      if (!result.getValid()) {
        invalid.put(name, String.valueOf(result.getErrors()));
      }
    });
    assertThat(invalid).isEmpty();
    // The check bites.
    assertThat(meta.validate(new JsonObject().put("required", "error")).getValid()).isFalse();
  }

  /** Each example of a request body: path, operation, example name and value. */
  private record Example(String path, String method, String name, String schema, Object value) {
  }

  private static List<Example> requestExamples() {
    List<Example> out = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        JsonObject body = OPERATIONS.contains(method) ? item.getJsonObject(method).getJsonObject("requestBody") : null;
        if (body == null) {
          continue;
        }
        JsonObject json = body.getJsonObject("content").getJsonObject("application/json");
        String schema = json.getJsonObject("schema").getString("$ref").substring("#/components/schemas/".length());
        JsonObject examples = json.getJsonObject("examples");
        assertThat(examples).as("%s %s has no examples", method, path).isNotNull().isNotEmpty();
        examples.fieldNames().forEach(name ->
            out.add(new Example(path, method, name, schema, examples.getJsonObject(name).getValue("value"))));
      }
    }
    return out;
  }

  @Test
  void every_request_example_passes_its_schema_and_is_accepted_by_the_running_app() throws IOException {
    JsonBodies bodies = new JsonBodies(32, 262_144);
    ObjectMapper mapper = new ObjectMapper();
    HttpResponse<Buffer> created = http.postJson("/ingest/demo", new JsonObject()
        .put("service", "checkout-service").put("severity", "sev3").put("description", "an item for the examples"));
    assertThat(created.statusCode()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("work_item_id");

    List<Example> examples = requestExamples();
    assertThat(examples).hasSizeGreaterThanOrEqualTo(17);
    Map<String, String> refused = new TreeMap<>();
    for (Example example : examples) {
      String label = example.method() + " " + example.path() + " #" + example.name();
      String body = example.value() instanceof JsonObject o ? o.encode() : String.valueOf(example.value());
      List<FieldError> errors = bodies.validate(mapper.readTree(body), example.schema());
      if (!errors.isEmpty()) {
        refused.put(label, "schema: " + errors);
        continue;
      }
      HttpResponse<Buffer> response = http.post(example.path().replace("{id}", id), "application/json", body);
      if (example.path().endsWith("/split")) {
        // Splitting needs a merged item; the body was taken (not 400/415): the item is simply not merged.
        if (response.statusCode() != 409 || !"conflict".equals(response.bodyAsJsonObject().getString("error"))) {
          refused.put(label, response.statusCode() + " " + response.bodyAsString());
        }
      } else if (response.statusCode() / 100 != 2) {
        refused.put(label, response.statusCode() + " " + response.bodyAsString());
      }
      if (example.path().equals("/monitoring/start")) {
        assertThat(http.post("/monitoring/stop", null, null).statusCode()).isEqualTo(200);
      }
    }
    assertThat(refused).isEmpty();
  }

  @Test
  void vendor_examples_are_the_vendors_documented_payloads_of_the_fixtures() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    int compared = 0;
    for (Example example : requestExamples()) {
      try (InputStream in = getClass().getResourceAsStream("/vendor/" + example.name() + ".json")) {
        if (in == null) {
          continue;
        }
        JsonNode fixture = mapper.readTree(in);
        assertThat(mapper.readTree(((JsonObject) example.value()).encode())).as(example.name()).isEqualTo(fixture);
        compared++;
      }
    }
    assertThat(compared).isEqualTo(7);
  }

  @Test
  void health_and_service_info_answer_without_a_key() {
    HttpResponse<Buffer> health = anonymous.get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.bodyAsJsonObject().getString("status")).isEqualTo("healthy");
    assertThat(health.bodyAsJsonObject().getString("service")).isEqualTo("intake");
    assertThat(health.bodyAsJsonObject().getString("version")).isNotBlank();

    HttpResponse<Buffer> info = TestApp.await(anonymous.request(HttpMethod.GET, "/").putHeader("Accept", "application/json").send());
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat(info.bodyAsJsonObject().getString("service")).isEqualTo("intake");
    assertThat(info.bodyAsJsonObject().getString("docs")).isEqualTo("/docs");
    assertThat(info.bodyAsJsonObject().getString("openapi")).isEqualTo("/openapi.json");

    HttpResponse<Buffer> browser = TestApp.await(anonymous.request(HttpMethod.GET, "/")
        .putHeader("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").followRedirects(false).send());
    assertThat(browser.statusCode()).isEqualTo(302);
    assertThat(browser.getHeader("Location")).isEqualTo("/ui/");
  }

  @Test
  void the_docs_page_and_every_asset_it_names_answer_without_a_key() {
    HttpResponse<Buffer> page = anonymous.get("/docs");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'self'");
    List<String> assets = new ArrayList<>();
    Matcher m = ASSET.matcher(page.bodyAsString());
    while (m.find()) {
      assets.add(m.group(1));
    }
    assertThat(assets).contains("/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js", "/webjars/swagger-ui/5.34.1/swagger-ui.css",
        "/docs/docs.js");
    for (String asset : assets) {
      HttpResponse<Buffer> file = anonymous.get(asset);
      assertThat(file.statusCode()).as(asset).isEqualTo(200);
      assertThat(file.body().length()).as(asset).isGreaterThan(100);
    }
    assertThat(anonymous.get("/docs/").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/docs/nothing.js").statusCode()).isEqualTo(404);
  }

  @Test
  void swagger_ui_renders_every_operation_in_chromium() {
    // One tag per operation, so each is drawn once.
    assumeTrue(Browser.available(), "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
    int operations = documentedOperations().size();
    try (Browser browser = new Browser(1280, 900)) {
      browser.driver().get("http://127.0.0.1:" + http.port() + "/docs");
      try {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
            .until(d -> d.findElements(By.cssSelector(".opblock")).size() == operations);
      } catch (RuntimeException e) {
        browser.screenshot("docs-failed");
        throw new AssertionError("Swagger UI did not render " + operations + " operations; console:\n"
            + browser.consoleLog(), e);
      }
      assertThat(browser.driver().findElement(By.cssSelector(".info .title")).getText()).startsWith("Intake");
      // Calls tried out from the page reach the API under its CSP: an open one, then one with a key.
      assertThat(tryOut(browser, "operations-operations-health")).isEqualTo("200");
      browser.driver().findElement(By.cssSelector(".auth-wrapper .authorize")).click();
      WebElement keyInput = new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
          .until(d -> d.findElement(By.cssSelector(".modal-ux .auth-container input")));
      keyInput.sendKeys(TestApp.API_KEY);
      browser.driver().findElement(By.cssSelector(".modal-ux .auth-container .auth-btn-wrapper .authorize")).click();
      browser.driver().findElement(By.cssSelector(".modal-ux .btn-done")).click();
      assertThat(tryOut(browser, "operations-work-items-listWorkItems")).isEqualTo("200");
      // The page's scripts ran under its CSP with nothing refused and nothing fetched from elsewhere.
      assertThat(browser.consoleLog()).doesNotContain("Content Security Policy").doesNotContain("SEVERE");
    }
  }

  /** Expands an operation, tries it out with its defaults, and returns the status Swagger UI shows. */
  private static String tryOut(Browser browser, String operationId) {
    WebElement operation = browser.driver().findElement(By.id(operationId));
    operation.findElement(By.cssSelector(".opblock-summary-control")).click();
    WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(20));
    wait.until(d -> operation.findElements(By.cssSelector(".try-out__btn")).size() == 1);
    operation.findElement(By.cssSelector(".try-out__btn")).click();
    wait.until(d -> operation.findElements(By.cssSelector(".execute")).size() == 1);
    operation.findElement(By.cssSelector(".execute")).click();
    return wait.until(d -> {
      List<WebElement> status = operation.findElements(By.cssSelector(".live-responses-table tr.response .response-col_status"));
      return status.isEmpty() || status.get(0).getText().isBlank() ? null : status.get(0).getText().strip();
    });
  }

  private static void walk(Object node, Consumer<JsonObject> visit) {
    if (node instanceof JsonObject object) {
      visit.accept(object);
      object.forEach(e -> walk(e.getValue(), visit));
    } else if (node instanceof JsonArray array) {
      array.forEach(child -> walk(child, visit));
    }
  }
}
