package io.intake.ops;

/**
 * When this process last began handling an HTTP request that brings data (any method but GET). Background CPU work in the same process
 * (model inference) reads it to leave a core to request handling while requests are arriving:
 * measured on 2 cores, two concurrent model calls raised {@code POST /ingest/demo} p99 at
 * 200 req/s from ~24 ms to ~74 ms even at nice 19 (they share caches and memory bandwidth, not
 * only CPU time). Process-wide on purpose: a member that serves no HTTP never looks busy.
 */
public final class RequestActivity {

  private static volatile long lastRequestNanos = Long.MIN_VALUE / 2;

  private RequestActivity() {
  }

  public static void touch() {
    lastRequestNanos = System.nanoTime();
  }

  /** Whether no request began in the last {@code millis}. */
  public static boolean quietFor(long millis) {
    return System.nanoTime() - lastRequestNanos > millis * 1_000_000;
  }
}
