package io.intake.llm;

import io.vertx.core.json.JsonObject;

/** The {@code llm} configuration slice. {@code api_key} null or blank: the rules cleaner only. */
record LlmSettings(
    String baseUrl, String apiKey, String model, long timeoutMs, int concurrency, int maxRetries,
    long backoffBaseMs, long backoffMaxMs, long maxRetryAfterMs, int breakerMaxFailures, long breakerResetMs) {

  static LlmSettings from(JsonObject c) {
    String key = c.getString("api_key");
    String base = c.getString("base_url", "https://api.openai.com/v1");
    JsonObject breaker = c.getJsonObject("breaker", new JsonObject());
    return new LlmSettings(
        base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
        key == null || key.isBlank() ? null : key,
        c.getString("model", "gpt-5.2"),
        c.getLong("timeout_ms", 10_000L),
        c.getInteger("concurrency", 8),
        c.getInteger("max_retries", 2),
        c.getLong("backoff_base_ms", 500L),
        c.getLong("backoff_max_ms", 8_000L),
        c.getLong("max_retry_after_ms", 10_000L),
        breaker.getInteger("max_failures", 5),
        breaker.getLong("reset_timeout_ms", 30_000L));
  }

  boolean enabled() {
    return apiKey != null;
  }
}
