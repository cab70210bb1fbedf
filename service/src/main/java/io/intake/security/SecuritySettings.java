package io.intake.security;

import io.intake.config.ConfigSection;
import io.intake.security.WebhookSignatures.Scheme;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code http.security} configuration: API keys per endpoint group, webhook secrets per
 * source and the per-key rate limit.
 *
 * @param rateLimiter null when rate limiting is off ({@code requests_per_second: 0})
 */
public record SecuritySettings(ApiKeys apiKeys, Map<String, WebhookAuth> webhooks, RateLimiter rateLimiter) {

  /**
   * How one webhook source authenticates when it has secrets: its scheme, the header carrying the
   * proof, and the accepted secrets (more than one while rotating).
   */
  public record WebhookAuth(String source, Scheme scheme, String header, List<String> secrets) {

    public boolean enabled() {
      return !secrets.isEmpty();
    }

    public boolean verify(String headerValue, byte[] body) {
      return WebhookSignatures.verify(scheme, headerValue, body, secrets);
    }
  }

  /**
   * @param conf     the {@code http.security} slice
   * @param webhooks the signed webhook sources with their scheme and default header (from the
   *                 source registry); the slice gives each its secrets and, for a shared secret, its header
   */
  public static SecuritySettings fromJson(JsonObject conf, Map<String, WebhookAuth> webhooks) {
    return read(ConfigSection.of("http.security", conf), webhooks);
  }

  /** The {@code http.security} slice: its defaults open nothing but the development key. */
  public static SecuritySettings read(ConfigSection conf, Map<String, WebhookAuth> webhookDefaults) {
    ConfigSection keys = conf.section("api_keys");
    Map<EndpointGroup, List<String>> byGroup = new EnumMap<>(EndpointGroup.class);
    for (EndpointGroup group : List.of(EndpointGroup.INGEST, EndpointGroup.WEBHOOKS, EndpointGroup.ADMIN)) {
      byGroup.put(group, keys.strings(group.wire(), List.of(ApiKeys.DEVELOPMENT_KEY), true));
    }

    ConfigSection limit = conf.section("rate_limit");
    long perSecond = limit.longInteger("requests_per_second", 100L, 0L);
    long burst = limit.longInteger("burst", 1000L, 1L);
    RateLimiter limiter = perSecond <= 0 ? null : new RateLimiter(perSecond, burst);

    ConfigSection hooks = conf.section("webhooks");
    Map<String, WebhookAuth> webhooks = new LinkedHashMap<>();
    webhookDefaults.forEach((source, fallback) -> {
      ConfigSection c = hooks.section(source);
      List<String> secrets = c.strings("secrets", List.of(), true);
      // Signing schemes fix their header; a shared secret may come in another one.
      String header = fallback.scheme() == Scheme.SHARED_SECRET ? c.string("header", fallback.header()) : fallback.header();
      webhooks.put(source, new WebhookAuth(source, fallback.scheme(), header, secrets));
    });
    return new SecuritySettings(new ApiKeys(byGroup), webhooks, limiter);
  }

  /** The same settings with another limiter (e.g. one shared by every HTTP instance of a port). */
  public SecuritySettings withRateLimiter(RateLimiter limiter) {
    return new SecuritySettings(apiKeys, webhooks, limiter);
  }

  /** The webhook source's settings when it has secrets configured, else null (the API key applies). */
  public WebhookAuth signedWebhook(String source) {
    WebhookAuth auth = source == null ? null : webhooks.get(source);
    return auth != null && auth.enabled() ? auth : null;
  }
}
