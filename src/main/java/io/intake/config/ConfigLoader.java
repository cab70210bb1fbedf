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
 * Configuration, lowest precedence first: {@code conf/config.json} (the working directory's copy,
 * else the one packed in the jar), then the environment ({@link EnvOverrides}), then explicit
 * overrides given to the main verticle (used by tests and the CLI).
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
    JsonObject file;
    try {
      file = new JsonObject(readFile(path));
    } catch (io.vertx.core.json.DecodeException e) {
      throw new IllegalArgumentException(path + " is not a JSON object: " + e.getMessage(), e);
    }
    JsonObject envValues = new JsonObject();
    EnvOverrides.ALL.forEach(o -> {
      if (env.containsKey(o.env())) {
        envValues.put(o.env(), env.get(o.env()));
      }
    });
    return EnvOverrides.apply(file, envValues).mergeIn(overrides.copy(), true);
  }

  /** The file on disk, else the resource of that name in the jar (the shipped default). */
  private static String readFile(String path) {
    try {
      Path file = Path.of(path);
      if (Files.isRegularFile(file)) {
        return Files.readString(file, StandardCharsets.UTF_8);
      }
      ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
          ? Thread.currentThread().getContextClassLoader() : ConfigLoader.class.getClassLoader();
      try (InputStream packed = loader.getResourceAsStream(path.replace('\\', '/').replaceFirst("^\\./", ""))) {
        if (packed == null) {
          throw new IllegalArgumentException("configuration file not found: " + path);
        }
        return new String(packed.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
