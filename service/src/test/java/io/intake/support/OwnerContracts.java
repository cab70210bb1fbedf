package io.intake.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the owners' contract tests share: one running app (embedded PostgreSQL, every owner
 * deployed) for the class, JSON as it crosses between members, and the checks on failure answers.
 */
public abstract class OwnerContracts {

  protected static Vertx vertx;
  protected static RunningApp app;

  @BeforeAll
  static void startApp() {
    vertx = Vertx.vertx();
    app = RunningApp.start(vertx);
  }

  @AfterAll
  static void stopApp() {
    app.close();
    TestApp.await(vertx.close());
  }

  /** The JSON as another member reads it: encoded to text and parsed again. */
  protected static JsonObject wire(JsonObject json) {
    return new JsonObject(json.encode());
  }

  /** The failure code the answer failed with (the test fails when it succeeded). */
  protected static int failureCode(Future<?> answer) {
    Throwable error = TestApp.await(answer.transform(result -> Future.succeededFuture(result.cause())));
    assertThat(error).isInstanceOf(ReplyException.class);
    return ((ReplyException) error).failureCode();
  }

  /** The owner answers {@code body} on {@code address} with INVALID, and the message names {@code field}. */
  protected static void assertInvalid(String address, JsonObject body, String field) {
    Future<Object> reply = vertx.eventBus().request(address, body).map(m -> m.body());
    Throwable error = TestApp.await(reply.transform(result -> Future.succeededFuture(result.cause())));
    assertThat(error).as(address + " answers " + body).isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) error).failureCode()).as(address).isEqualTo(Failure.INVALID.code());
    assertThat(error.getMessage()).as(address).contains(field);
  }
}
