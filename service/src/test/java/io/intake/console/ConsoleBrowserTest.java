package io.intake.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.intake.fakes.FakeLearner;
import io.intake.support.Browser;
import io.intake.support.Http;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real browser (Debian chromium, headless) against the whole program
 * on the embedded PostgreSQL, with a local Learner. Every wait is a poll with a deadline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private Vertx vertx;
  private FakeLearner learner;
  private Http http;
  private Browser browser;
  private ChromeDriver driver;
  private String base;

  @BeforeAll
  void start() {
    assumeTrue(Browser.available(), "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
    vertx = Vertx.vertx();
    learner = new FakeLearner(vertx).start();
    int port = TestApp.freePort();
    TestApp.deploy(vertx, port, new JsonObject()
        .put("database", new JsonObject().put("url", TestPostgres.newDatabase()))
        .put("learner", new JsonObject().put("url", learner.url()).put("poll_interval_ms", 100))
        .put("simulator", new JsonObject().put("auto_start", false).put("log_interval", 0.2)));
    http = new Http(vertx, port);
    base = "http://127.0.0.1:" + port;
    browser = new Browser(1400, 900);
    driver = browser.driver();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (http != null) {
      http.close();
    }
    if (learner != null) {
      learner.stop();
    }
    if (vertx != null) {
      TestApp.await(vertx.close());
    }
  }

  @BeforeEach
  void signedIn() {
    driver.get(base + "/ui/");
    if (!driver.findElements(By.id("api-key")).isEmpty()) {
      signIn(TestApp.API_KEY);
    }
  }

  private void signIn(String key) {
    WebElement input = until(d -> d.findElement(By.id("api-key")));
    input.clear();
    input.sendKeys(key);
    driver.findElement(By.id("sign-in")).click();
  }

  private <T> T until(Function<WebDriver, T> condition) {
    return until(DEADLINE, condition);
  }

  private <T> T until(Duration deadline, Function<WebDriver, T> condition) {
    WebDriverWait wait = new WebDriverWait(driver, deadline, Duration.ofMillis(50));
    // The console re-renders what it shows live: an element read mid-render is simply read again.
    wait.ignoring(StaleElementReferenceException.class);
    try {
      return wait.until(condition);
    } catch (TimeoutException e) {
      // What the page showed and said when it gave up: a wait that times out says nothing else.
      Path shot = browser.screenshot("timeout-" + System.currentTimeMillis());
      throw new TimeoutException(e.getMessage() + "\nat " + driver.getCurrentUrl() + ", screenshot " + shot
          + "\nbrowser console:\n" + browser.consoleLog() + "page text:\n"
          + driver.findElement(By.tagName("body")).getText(), e);
    }
  }

  private void open(String hash) {
    driver.get(base + "/ui/" + hash);
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private String create(String service, String severity, String description) {
    var response = http.postJson("/work-items", new JsonObject()
        .put("service", service).put("severity", severity).put("description", description));
    assertThat(response.statusCode()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("work_item_id");
  }

  /** The ids of the rows shown, read in one go (rows are replaced when the page reloads live). */
  @SuppressWarnings("unchecked")
  private List<String> rowIds() {
    return (List<String>) js("return [...document.querySelectorAll('#feed tbody tr')].map(tr => tr.dataset.id)");
  }

  private JsonObject item(String id) {
    return http.get("/work-items/" + id).bodyAsJsonObject();
  }

  @Test
  void signInRefusesAWrongKeyAndKeepsTheKeyOutOfTheUrl() {
    js("sessionStorage.clear()");
    open("#/feed");
    signIn("not-a-key");
    WebElement error = until(d -> {
      WebElement e = d.findElement(By.id("sign-in-error"));
      return e.getText().isBlank() ? null : e;
    });
    assertThat(error.getText()).contains("not accepted");
    assertThat(driver.findElements(By.id("feed"))).isEmpty();
    browser.screenshot("sign-in");

    signIn(TestApp.API_KEY);
    until(d -> d.findElement(By.id("feed")));
    assertThat(driver.getCurrentUrl()).doesNotContain(TestApp.API_KEY);
    assertThat(js("return sessionStorage.getItem('intake.apiKey')")).isEqualTo(TestApp.API_KEY);
  }

  @Test
  void tableListsItemsCreatedThroughTheApi() {
    String service = "table-" + UUID.randomUUID().toString().substring(0, 8);
    String a = create(service, "sev1", "Checkout latency above 2s on /api/cart");
    String b = create(service, "sev3", "Disk usage at 81% on db-7");
    open("#/feed?service=" + service);
    until(d -> rowIds().size() == 2);

    assertThat(rowIds()).containsExactly(b, a); // newest first, like GET /work-items
    // Read in one go: the row is patched live while enrichment runs.
    String row = (String) js("return document.querySelector(\"#feed tr[data-id='\" + arguments[0] + \"']\").innerText", a);
    assertThat(row).contains("SEV1", service, "Checkout latency above 2s", "manual", "open");
    // Severity is text and shape, not colour only.
    String severity = (String) js("return document.querySelector(\"#feed tr[data-id='\" + arguments[0] + \"'] .sev\").innerText", a);
    assertThat(severity).contains("▲▲").contains("SEV1");
    browser.screenshot("feed");
  }

  @Test
  void aNewItemAppearsLiveWithoutAReload() {
    String service = "live-" + UUID.randomUUID().toString().substring(0, 8);
    create(service, "sev2", "first of the live service");
    open("#/feed?service=" + service);
    until(d -> rowIds().size() == 1);
    until(d -> "live".equals(d.findElement(By.id("live")).getAttribute("data-state")));
    js("window.__sameDocument = true");

    String id = create(service, "sev1", "Payment gateway returning 502 for all EU cards");
    until(Duration.ofSeconds(2), d -> rowIds().contains(id));

    assertThat(js("return window.__sameDocument === true")).isEqualTo(true);
    assertThat(rowIds()).first().isEqualTo(id);
  }

  @Test
  void filtersAndPaginationAgreeWithTheApi() {
    String service = "page-" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < 30; i++) {
      create(service, i % 3 == 0 ? "sev1" : "sev3", "paged item " + i);
    }
    create(service + "-other", "sev1", "another service");
    open("#/feed?service=" + service);
    until(d -> rowIds().size() == 30);
    new Select(driver.findElement(By.id("f-limit"))).selectByValue("25");
    until(d -> rowIds().size() == 25);

    JsonObject first = http.get("/work-items?service=" + service + "&limit=25&offset=0").bodyAsJsonObject();
    assertThat(rowIds()).isEqualTo(ids(first));
    assertThat(driver.findElement(By.id("feed-summary")).getAttribute("data-total")).isEqualTo("30");

    driver.findElement(By.id("next-page")).click();
    until(d -> rowIds().size() == 5);
    JsonObject second = http.get("/work-items?service=" + service + "&limit=25&offset=25").bodyAsJsonObject();
    assertThat(rowIds()).isEqualTo(ids(second));

    new Select(driver.findElement(By.id("f-severity"))).selectByValue("sev1");
    until(d -> "10".equals(d.findElement(By.id("feed-summary")).getAttribute("data-total")));
    JsonObject sev1 = http.get("/work-items?service=" + service + "&severity=sev1&limit=25").bodyAsJsonObject();
    assertThat(sev1.getLong("total")).isEqualTo(10);
    assertThat(rowIds()).isEqualTo(ids(sev1));
    browser.screenshot("feed-filtered");
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("work_items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  @Test
  void detailShowsRawVersusCleanedAndSimilarItems() {
    String service = "detail-" + UUID.randomUUID().toString().substring(0, 8);
    String raw = "2026-11-27T10:15:02.123Z ERROR [req-8f3a2b] Connection pool exhausted for postgres-primary "
        + "after 30000ms (active=50 idle=0 waiting=117)";
    String twin = create(service, "sev2", "Connection pool exhausted for postgres-primary, requests waiting");
    String id = create(service, "sev1", raw);
    TestApp.eventually(DEADLINE, () -> "indexed".equals(item(id).getJsonObject("enrichment").getString("state"))
        && "indexed".equals(item(twin).getJsonObject("enrichment").getString("state")));
    JsonObject stored = item(id);
    JsonArray similar = http.get("/work-items/" + id + "/similar").bodyAsJsonObject().getJsonArray("results");
    assertThat(similar).isNotEmpty();

    open("#/item/" + id);
    until(d -> d.findElement(By.id("desc-raw")));
    // Read in one go (the page re-renders when the item changes).
    @SuppressWarnings("unchecked")
    List<String> texts = (List<String>) js("return ['desc-raw', 'desc-cleaned', 'cleaned-by']"
        + ".map(id => document.getElementById(id).textContent)");
    assertThat(texts.get(0)).isEqualTo(stored.getString("raw_log"));
    assertThat(texts.get(1)).isEqualTo(stored.getString("description"));
    assertThat(stored.getString("raw_log")).isNotEqualTo(stored.getString("description"));
    assertThat(texts.get(2)).contains(stored.getString("description_source"));
    @SuppressWarnings("unchecked")
    List<String> shown = (List<String>) js("return [...document.querySelectorAll('#similar tbody tr td:nth-child(2)')]"
        + ".map(td => td.textContent)");
    assertThat(shown).isEqualTo(similar.stream().map(o -> ((JsonObject) o).getJsonObject("work_item").getString("id")).toList());
    assertThat(shown).contains(twin);
    browser.screenshot("item-detail");
  }

  @Test
  void recordingAnOutcomeFromTheFormChangesTheStatusAndReachesTheLearner() {
    String id = create("outcome-" + UUID.randomUUID().toString().substring(0, 8), "sev2", "Queue consumer lagging 40k messages");
    open("#/item/" + id);
    until(d -> d.findElement(By.id("outcome-form")));
    new Select(driver.findElement(By.id("o-type"))).selectByValue("resolved");
    driver.findElement(By.id("o-actor_id")).sendKeys("oncall-ana");
    driver.findElement(By.id("o-notes")).sendKeys("restarted the consumer group");
    driver.findElement(By.id("record-outcome")).click();

    until(d -> d.findElements(By.cssSelector("#outcomes li[data-delivery='delivered']")).size() == 1);
    until(d -> "resolved".equals(d.findElement(By.cssSelector(".lead .status")).getText()));
    assertThat(item(id).getString("status")).isEqualTo("resolved");
    Map<String, JsonObject> received = learner.received().stream()
        .collect(Collectors.toMap(r -> r.body().getString("work_item_id"), FakeLearner.Received::body, (x, y) -> x));
    assertThat(received).containsKey(id);
    assertThat(received.get(id).getString("type")).isEqualTo("resolved");
    assertThat(received.get(id).getString("actor_id")).isEqualTo("oncall-ana");
    browser.screenshot("item-outcome");
  }

  @Test
  void theCreateFormRejectsABadSeverityAndShowsTheFieldError() {
    String service = "billing-" + UUID.randomUUID().toString().substring(0, 8);
    open("#/create");
    until(d -> d.findElement(By.id("create-form")));
    driver.findElement(By.id("c-service")).sendKeys(service);
    driver.findElement(By.id("c-severity")).sendKeys("sev9");
    driver.findElement(By.id("c-description")).sendKeys("Invoice export job failing since 02:00");
    driver.findElement(By.id("create-submit")).click();

    WebElement error = until(d -> d.findElement(By.cssSelector(".field-error[data-field='severity']")));
    assertThat(error.getText()).contains("severity");
    assertThat(driver.findElement(By.id("c-severity")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(driver.findElement(By.id("c-severity")).getAttribute("aria-describedby")).isEqualTo(error.getAttribute("id"));
    assertThat(driver.findElements(By.cssSelector(".field-error[data-field='service']"))).isEmpty();
    assertThat(http.get("/work-items?service=" + service).bodyAsJsonObject().getLong("total")).isZero();
    browser.screenshot("create-error");

    driver.findElement(By.id("c-severity")).clear();
    driver.findElement(By.id("c-severity")).sendKeys("sev3");
    driver.findElement(By.id("create-submit")).click();
    String shown = until(d -> d.findElement(By.id("item-id")).getText());
    JsonObject page = http.get("/work-items?service=" + service).bodyAsJsonObject();
    assertThat(page.getLong("total")).isEqualTo(1);
    assertThat(ids(page)).containsExactly(shown);
  }

  @Test
  void theMapRendersEveryEmbeddedItemAndClickingAPointOpensIt() {
    String service = "map-" + UUID.randomUUID().toString().substring(0, 8);
    for (String text : List.of("TLS certificate expires in 3 days", "TLS certificate expired on api gateway",
        "Kafka consumer lag above threshold", "Kafka partition under-replicated")) {
      String id = create(service, "sev3", text);
      TestApp.eventually(DEADLINE, () -> item(id).containsKey("embedding_3d"));
    }
    assertThat(http.get("/console/map?limit=50000").bodyAsJsonObject().getLong("count")).isGreaterThanOrEqualTo(4);

    open("#/map?still");
    // Other tests' items may still be getting embedded, so the API is read again on every check: the
    // page's count must catch up with the API's, not with a figure read before the page loaded.
    until(d -> String.valueOf(http.get("/console/map?limit=50000").bodyAsJsonObject().getLong("count"))
        .equals(d.findElement(By.id("map-count")).getAttribute("data-count")));
    long shown = Long.parseLong(driver.findElement(By.id("map-count")).getAttribute("data-count"));
    assertThat(shown).isGreaterThanOrEqualTo(4);
    assertThat(((Number) js("return window.__intakeMap.count()")).longValue()).isEqualTo(shown);
    // The points are drawn: the canvas is not blank.
    until(d -> (Boolean) js("const c=document.getElementById('map-canvas');const x=c.getContext('2d')"
        + ".getImageData(0,0,c.width,c.height).data;for(let i=3;i<x.length;i+=4){if(x[i])return true}return false"));
    browser.screenshot("map");

    @SuppressWarnings("unchecked")
    Map<String, Object> point = (Map<String, Object>) js("return window.__intakeMap.point(0)");
    WebElement canvas = driver.findElement(By.id("map-canvas"));
    int x = (int) Math.round(((Number) point.get("x")).doubleValue() - canvas.getSize().getWidth() / 2.0);
    int y = (int) Math.round(((Number) point.get("y")).doubleValue() - canvas.getSize().getHeight() / 2.0);
    new Actions(driver).moveToElement(canvas, x, y).click().perform();
    String opened = until(d -> d.findElement(By.id("item-id")).getText());
    assertThat(opened).isEqualTo(point.get("id"));
  }

  @Test
  void theSimulatorStartsAndStopsFromTheUi() {
    open("#/simulator");
    until(d -> d.findElement(By.id("sim-form")));
    until(d -> "stopped".equals(d.findElement(By.id("sim-state")).getAttribute("data-status")));
    WebElement interval = driver.findElement(By.id("s-log_interval"));
    interval.clear();
    interval.sendKeys("0.2");
    driver.findElement(By.id("sim-start")).click();

    until(d -> "running".equals(d.findElement(By.id("sim-state")).getAttribute("data-status")));
    assertThat(http.get("/monitoring/status").bodyAsJsonObject().getString("status")).isEqualTo("running");
    until(d -> d.findElements(By.cssSelector("#sim-services td[data-lines]")).stream()
        .anyMatch(td -> Long.parseLong(td.getAttribute("data-lines")) > 0));
    browser.screenshot("simulator");

    // What the simulator logged is mined into patterns: the patterns view shows them with a sparkline each.
    TestApp.eventually(DEADLINE, () -> !http.get("/console/patterns").bodyAsJsonObject().getJsonArray("patterns").isEmpty());
    open("#/patterns");
    until(d -> !d.findElements(By.cssSelector("#patterns tr[data-pattern] .spark canvas")).isEmpty());
    browser.screenshot("patterns");
    open("#/health");
    until(d -> d.findElement(By.cssSelector("#health .card")).getText().contains("ready"));
    browser.screenshot("health");
    open("#/simulator");
    until(d -> "running".equals(d.findElement(By.id("sim-state")).getAttribute("data-status")));

    driver.findElement(By.id("sim-stop")).click();
    until(d -> "stopped".equals(d.findElement(By.id("sim-state")).getAttribute("data-status")));
    assertThat(http.get("/monitoring/status").bodyAsJsonObject().getString("status")).isEqualTo("stopped");
  }
}
