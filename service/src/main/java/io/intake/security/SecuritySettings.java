package io.intake.security;

import io.intake.security.WebhookSignatures.Scheme;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
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

  /** Sources whose senders sign (or carry a shared secret), with their fixed scheme and default header. */
  private static final Map<String, WebhookAuth> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("jira", new WebhookAuth("jira", Scheme.HUB_SHA256, "X-Hub-Signature", List.of()));
    DEFAULTS.put("pagerduty", new WebhookAuth("pagerduty", Scheme.PAGERDUTY_V1, "X-PagerDuty-Signature", List.of()));
    DEFAULTS.put("datadog", new WebhookAuth("datadog", Scheme.SHARED_SECRET, "X-Webhook-Secret", List.of()));
    DEFAULTS.put("alertmanager", new WebhookAuth("alertmanager", Scheme.SHARED_SECRET, "Authorization", List.of()));
  }

  public static SecuritySettings fromJson(JsonObject conf) {
    JsonObject keys = conf.getJsonObject("api_keys", new JsonObject());
    Map<EndpointGroup, List<String>> byGroup = new EnumMap<>(EndpointGroup.class);
    for (EndpointGroup group : List.of(EndpointGroup.INGEST, EndpointGroup.WEBHOOKS, EndpointGroup.ADMIN)) {
      byGroup.put(group, strings(keys.getValue(group.wire()), "api_keys." + group.wire()));
    }

    JsonObject hooks = conf.getJsonObject("webhooks", new JsonObject());
    Map<String, WebhookAuth> webhooks = new LinkedHashMap<>();
    DEFAULTS.forEach((source, fallback) -> {
      JsonObject c = hooks.getJsonObject(source, new JsonObject());
      String header = fallback.scheme() == Scheme.SHARED_SECRET
          ? c.getString("header", fallback.header())
          : fallback.header();
      webhooks.put(source, new WebhookAuth(source, fallback.scheme(), header,
          strings(c.getValue("secrets"), "webhooks." + source + ".secrets")));
    });

    JsonObject limit = conf.getJsonObject("rate_limit", new JsonObject());
    long perSecond = limit.getLong("requests_per_second", 100L);
    RateLimiter limiter = perSecond <= 0 ? null : new RateLimiter(perSecond, limit.getLong("burst", 1000L));
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

  /** A list of strings, or one comma-separated string (how the environment gives it). */
  private static List<String> strings(Object value, String name) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (value instanceof String s) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
      return out;
    }
    if (value instanceof JsonArray array) {
      for (Object o : array) {
        if (!(o instanceof String s) || s.isBlank()) {
          throw new IllegalArgumentException("http.security." + name + " must hold non-blank strings");
        }
        out.add(s.strip());
      }
      return out;
    }
    throw new IllegalArgumentException("http.security." + name + " must be a list of strings");
  }
}
