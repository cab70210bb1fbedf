package io.intake.vectors;

import io.vertx.core.Vertx;

/** {@link FakeWeaviate} for tests outside this package (the fault suite): up, failing (500), stopped. */
public final class FakeWeaviateAccess {

  private final FakeWeaviate fake;

  private FakeWeaviateAccess(FakeWeaviate fake) {
    this.fake = fake;
  }

  public static FakeWeaviateAccess start(Vertx vertx) {
    return new FakeWeaviateAccess(new FakeWeaviate(vertx).start());
  }

  public String url() {
    return fake.url();
  }

  public void fail(boolean failing) {
    fake.mode(failing ? FakeWeaviate.Mode.FAIL : FakeWeaviate.Mode.OK);
  }

  public void stop() {
    fake.stop();
  }
}
