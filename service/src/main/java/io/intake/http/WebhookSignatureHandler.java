package io.intake.http;

import io.intake.security.SecuritySettings;
import io.intake.security.SecuritySettings.WebhookAuth;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Verifies a webhook's signature (or shared secret) over the raw body, after the body handler and
 * before anything parses it. Sources without secrets pass through (their API key was checked by
 * {@link AccessControlHandler}). A bad or missing proof is 401 and nothing is stored.
 */
final class WebhookSignatureHandler implements Handler<RoutingContext> {

  private final WebhookAuth auth;

  private WebhookSignatureHandler(WebhookAuth auth) {
    this.auth = auth;
  }

  static Handler<RoutingContext> forSource(SecuritySettings settings, String source) {
    WebhookAuth auth = settings.signedWebhook(source);
    return auth == null ? RoutingContext::next : new WebhookSignatureHandler(auth);
  }

  @Override
  public void handle(RoutingContext ctx) {
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    if (auth.verify(ctx.request().getHeader(auth.header()), body)) {
      ctx.next();
      return;
    }
    ErrorMapper.send(ctx, new ApiError(401, "unauthorized", "Missing or invalid webhook signature",
        List.of(new FieldError(auth.header(), "signature",
            "must prove the body was sent by " + auth.source() + " with a configured secret"))));
  }
}
