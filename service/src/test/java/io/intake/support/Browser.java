package io.intake.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven headless through Debian's chromedriver. Both binaries are named
 * explicitly, so Selenium Manager never runs and nothing is downloaded; without them the browser
 * tests are skipped (an assumption), not failed. CI installs {@code chromium chromium-driver}.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of(System.getProperty("intake.chromium", "/usr/bin/chromium"));
  public static final Path CHROMEDRIVER = Path.of(System.getProperty("intake.chromedriver", "/usr/bin/chromedriver"));

  private final ChromeDriver driver;
  private final Path profile;

  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** @param extraArguments more chromium switches (the benchmark exposes gc() with {@code --js-flags=--expose-gc}) */
  public Browser(int width, int height, String... extraArguments) {
    try {
      profile = Files.createTempDirectory("intake-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--disable-default-apps", "--disable-extensions",
            "--user-data-dir=" + profile, "--window-size=" + width + "," + height)
        .addArguments(extraArguments);
    // The page's console messages, for diagnosing a failed test (see consoleLog()).
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** The page's console messages since the last call (errors of the console's own scripts show here). */
  public String consoleLog() {
    StringBuilder out = new StringBuilder();
    driver.manage().logs().get("browser").forEach(e -> out.append(e.getLevel()).append(' ').append(e.getMessage()).append('\n'));
    return out.toString();
  }

  /** Saves a screenshot as target/console-screenshots/{name}.png. */
  public Path screenshot(String name) {
    try {
      Path dir = Path.of("target", "console-screenshots");
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
      Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp directory left behind is harmless
      }
    }
  }
}
