package io.intake.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Configuration, lowest precedence first: the built-in defaults ({@code conf/config.json} packed
 * in the jar), then the configuration file ({@code conf/config.json} in the working directory or
 * {@code --config FILE}) overlaid on them key by key, then the environment ({@link EnvOverrides}),
 * then explicit overrides given to the main verticle (used by tests and the CLI).
 *
 * <p>Overlay, not replace: a file holding only an {@code http} section used to drop
 * every other default, API keys included, which opened every endpoint group. Objects merge key by
 * key; arrays and scalars replace, so {@code "ingest": []} is the one way to open a group.
 *
 * <p>The merge is a plain function ({@link #read}) because a clustered node needs its
 * configuration before the Vert.x instance exists: the cluster manager is part of how Vert.x is
 * built.
 */
public final class ConfigLoader {

  public static final String DEFAULT_PATH = "conf/config.json";

  private ConfigLoader() {
  }

  /** {@link #read} on a worker thread, with the process environment. */
  public static Future<JsonObject> load(Vertx vertx, String path, JsonObject overrides) {
    return vertx.executeBlocking(() -> read(path, System.getenv(), overrides), false);
  }

  /**
   * Blocking (reads a file): the file, then {@code env} (only the names in {@link EnvOverrides}),
   * then {@code overrides}.
   *
   * @throws IllegalArgumentException when the file is missing or not a JSON object, or an
   *     environment value has the wrong form (naming the variable)
   */
  public static JsonObject read(String path, Map<String, String> env, JsonObject overrides) {
    JsonObject file = parse(path, readFile(path));
    String packed = readResource(DEFAULT_PATH);
    if (packed != null) {
      file = parse("built-in " + DEFAULT_PATH, packed).mergeIn(file, true);
    }
    JsonObject envValues = new JsonObject();
    EnvOverrides.ALL.forEach(o -> {
      if (env.containsKey(o.env())) {
        envValues.put(o.env(), env.get(o.env()));
      }
    });
    return EnvOverrides.apply(file, envValues).mergeIn(overrides.copy(), true);
  }

  private static JsonObject parse(String name, String text) {
    try {
      return new JsonObject(text);
    } catch (io.vertx.core.json.DecodeException e) {
      throw new IllegalArgumentException(name + " is not a JSON object: " + e.getMessage(), e);
    }
  }

  /** The file on disk, else the resource of that name in the jar (the shipped default). */
  private static String readFile(String path) {
    try {
      Path file = Path.of(path);
      if (Files.isRegularFile(file)) {
        return Files.readString(file, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    String packed = readResource(path);
    if (packed == null) {
      throw new IllegalArgumentException("configuration file not found: " + path);
    }
    return packed;
  }

  /** A resource on the class path (in the jar), or null. */
  private static String readResource(String path) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
        ? Thread.currentThread().getContextClassLoader() : ConfigLoader.class.getClassLoader();
    try (InputStream packed = loader.getResourceAsStream(path.replace('\\', '/').replaceFirst("^\\./", ""))) {
      return packed == null ? null : new String(packed.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the resource " + path, e);
    }
  }
}
