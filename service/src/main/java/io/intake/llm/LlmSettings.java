package io.intake.llm;

import io.intake.config.ConfigSection;
import io.vertx.core.json.JsonObject;

/** The {@code llm} configuration slice. {@code api_key} null or blank: the rules cleaner only. */
public record LlmSettings(
    int instances, String baseUrl, String apiKey, String model, long timeoutMs, int concurrency, int maxRetries,
    long backoffBaseMs, long backoffMaxMs, long maxRetryAfterMs, int breakerMaxFailures, long breakerResetMs) {

  static LlmSettings from(JsonObject c) {
    return read(ConfigSection.of("llm", c));
  }

  public static LlmSettings read(ConfigSection c) {
    int instances = c.integer("instances", 1, 1);
    String base = c.string("base_url", "https://api.openai.com/v1",
        s -> s.startsWith("http://") || s.startsWith("https://"), "an http(s) URL");
    String key = c.optionalString("api_key", "descriptions are cleaned by the rules");
    String model = c.string("model", "gpt-5.2");
    long timeout = c.longInteger("timeout_ms", 10_000L, 1L);
    int concurrency = c.integer("concurrency", 8, 1);
    int retries = c.integer("max_retries", 2, 0);
    long backoffBase = c.longInteger("backoff_base_ms", 500L, 1L);
    long backoffMax = c.longInteger("backoff_max_ms", 8_000L, 1L);
    long maxRetryAfter = c.longInteger("max_retry_after_ms", 10_000L, 0L);
    ConfigSection breaker = c.section("breaker");
    return new LlmSettings(instances,
        base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
        key, model, timeout, concurrency, retries, backoffBase, backoffMax, maxRetryAfter,
        breaker.integer("max_failures", 5, 1),
        breaker.longInteger("reset_timeout_ms", 30_000L, 1L));
  }

  boolean enabled() {
    return apiKey != null;
  }
}
