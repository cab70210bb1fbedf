package io.intake.bus;

import io.reactiverse.contextual.logging.ContextualData;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Correlation ids: taken from the request (or generated), kept in the Vert.x duplicated context
 * so every log line of the request carries it, and copied into every event-bus message sent while
 * handling it so the receiving verticle logs with the same id.
 */
public final class Correlation {

  public static final String HEADER = "x-correlation-id";
  /** Key in the contextual data and field name in the JSON logs. */
  public static final String KEY = "correlation_id";

  // Anything else is replaced: the id ends up in logs and headers, so no control characters.
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");
  private static final String INSTALLED = "intake.correlation.installed";

  private Correlation() {
  }

  /** The id of the request being handled on the current context, or null outside one. */
  public static String current() {
    return Vertx.currentContext() == null ? null : ContextualData.get(KEY);
  }

  /** Binds {@code id} to the current (duplicated) context. */
  public static void bind(String id) {
    if (id != null && Vertx.currentContext() != null) {
      ContextualData.put(KEY, id);
    }
  }

  /** The incoming id when it is well formed, otherwise a new one. */
  public static String acceptOrGenerate(String incoming) {
    if (incoming != null && ACCEPTED.matcher(incoming).matches()) {
      return incoming;
    }
    return newId();
  }

  /**
   * A random (version 4) UUID from the thread's own generator. The id names a request in logs and
   * headers and guards nothing, so it needs no SecureRandom: {@code UUID.randomUUID()} shares one
   * synchronized generator across the event loops, and showed on every request's profile.
   */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
    return new UUID(high, low).toString();
  }

  /** Delivery options carrying the current correlation id (also added by the interceptor). */
  public static DeliveryOptions options() {
    DeliveryOptions options = new DeliveryOptions();
    String id = current();
    if (id != null) {
      options.addHeader(HEADER, id);
    }
    return options;
  }

  /** Wraps a consumer so the message's correlation id is bound before the handler runs. */
  public static <T> Handler<Message<T>> bound(Handler<Message<T>> handler) {
    return message -> {
      bind(message.headers().get(HEADER));
      handler.handle(message);
    };
  }

  /**
   * Adds an outbound interceptor that stamps the current correlation id on every message sent
   * without one. Idempotent per Vert.x instance.
   */
  public static void install(Vertx vertx) {
    if (vertx.sharedData().getLocalMap(INSTALLED).putIfAbsent("yes", true) != null) {
      return;
    }
    vertx.eventBus().addOutboundInterceptor(delivery -> {
      String id = current();
      if (id != null && !delivery.message().headers().contains(HEADER)) {
        delivery.message().headers().add(HEADER, id);
      }
      delivery.next();
    });
  }
}
