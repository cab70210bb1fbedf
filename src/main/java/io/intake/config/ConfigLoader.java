package io.intake.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Configuration, lowest precedence first: {@code conf/config.json} (the working directory's copy,
 * else the one packed in the jar), then the environment ({@link EnvOverrides}), then explicit
 * overrides given to the main verticle (used by tests and the CLI).
 */
public final class ConfigLoader {

  public static final String DEFAULT_PATH = "conf/config.json";

  private ConfigLoader() {
  }

  public static Future<JsonObject> load(Vertx vertx, String path, JsonObject overrides) {
    ConfigStoreOptions file = new ConfigStoreOptions()
        .setType("file")
        .setFormat("json")
        .setConfig(new JsonObject().put("path", path));
    ConfigStoreOptions env = new ConfigStoreOptions()
        .setType("env")
        .setConfig(new JsonObject().put("keys", EnvOverrides.names()).put("raw-data", true));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions()
        .setScanPeriod(0)
        .addStore(file)
        .addStore(env));
    return retriever.getConfig()
        .onComplete(done -> retriever.close())
        .map(merged -> {
          JsonObject envValues = new JsonObject();
          EnvOverrides.ALL.forEach(o -> {
            if (merged.containsKey(o.env())) {
              envValues.put(o.env(), merged.remove(o.env()));
            }
          });
          return EnvOverrides.apply(merged, envValues).mergeIn(overrides, true);
        });
  }
}
