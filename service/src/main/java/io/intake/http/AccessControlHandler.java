package io.intake.http;

import io.intake.security.EndpointGroup;
import io.intake.security.RateLimiter;
import io.intake.security.SecuritySettings;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.List;
import java.util.Optional;

/**
 * Runs before any body is read, as the first handler of every route ({@link Routes}): reads the
 * endpoint group from the matched route (never from the path), checks its API key
 * ({@code X-API-Key}, or {@code Authorization: Bearer <key>}) and spends one token of that key's
 * bucket. A webhook source with a configured secret is authenticated by its signature instead
 * (checked once the body is in, by {@link WebhookSignatureHandler}); its bucket is the source's.
 */
// A security-policy handler in Vert.x's order, so it runs before the body handler on its route.
final class AccessControlHandler implements SecurityPolicyHandler {

  static final String API_KEY_HEADER = "X-API-Key";

  private final SecuritySettings settings;

  AccessControlHandler(SecuritySettings settings) {
    this.settings = settings;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(Routes.MATCHED, ctx.currentRoute());
    EndpointGroup group = ctx.currentRoute().getMetadata(Routes.GROUP);
    if (group == null) {
      // A route added without Routes: refuse rather than guess its group.
      ctx.fail(new IllegalStateException("route " + ctx.currentRoute().getPath() + " has no endpoint group"));
      return;
    }
    if (group == EndpointGroup.OPEN) {
      ctx.next();
      return;
    }
    String source = ctx.currentRoute().getMetadata(Routes.WEBHOOK_SOURCE);
    if (group == EndpointGroup.WEBHOOKS && source != null && settings.signedWebhook(source) != null) {
      limit(ctx, "webhook:" + source);
      return;
    }
    if (settings.apiKeys().open(group)) {
      ctx.next();
      return;
    }
    Optional<String> caller = settings.apiKeys().match(group, presentedKey(ctx));
    if (caller.isEmpty()) {
      ctx.response().putHeader("WWW-Authenticate", "ApiKey header=\"" + API_KEY_HEADER + "\"");
      ErrorMapper.send(ctx, new ApiError(401, "unauthorized", "Missing or invalid API key",
          List.of(new FieldError(API_KEY_HEADER, "api_key",
              "send a key of the " + group.wire() + " endpoint group in the " + API_KEY_HEADER + " header"))));
      return;
    }
    limit(ctx, caller.get());
  }

  private void limit(RoutingContext ctx, String caller) {
    RateLimiter limiter = settings.rateLimiter();
    if (limiter == null) {
      ctx.next();
      return;
    }
    RateLimiter.Decision decision = limiter.tryAcquire(caller);
    ctx.response().putHeader("X-RateLimit-Limit", String.valueOf(limiter.perSecond()));
    ctx.response().putHeader("X-RateLimit-Remaining", String.valueOf(decision.remaining()));
    if (decision.allowed()) {
      ctx.next();
      return;
    }
    String limit = limiter.perSecond() + " requests per second per API key, burst " + limiter.burst();
    ctx.response().putHeader("Retry-After", String.valueOf(decision.retryAfterSeconds()));
    ErrorMapper.send(ctx, new ApiError(429, "rate_limited", "Rate limit exceeded: " + limit,
        List.of(new FieldError(API_KEY_HEADER, "rate_limit",
            "retry after " + decision.retryAfterSeconds() + " s; the limit is " + limit))));
  }

  private static String presentedKey(RoutingContext ctx) {
    String key = ctx.request().getHeader(API_KEY_HEADER);
    if (key != null) {
      return key.strip();
    }
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip();
    }
    return null;
  }
}
