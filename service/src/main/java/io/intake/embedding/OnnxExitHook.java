package io.intake.embedding;

import java.lang.reflect.Field;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ONNX Runtime registers a JVM shutdown hook that releases its native environment. Shutdown hooks
 * run concurrently, so during a graceful shutdown (which keeps serving and lets running model calls
 * finish) that hook frees the environment under a call still in progress, and the JVM dies with a
 * SIGSEGV in {@code libonnxruntime.so}: pattern counts not yet saved are lost and the embedded
 * PostgreSQL is left behind. The process is exiting anyway, so the release buys nothing; the hook
 * is taken out. It needs {@code java.base/java.lang} opened to this code: the jar's manifest does it
 * ({@code Add-Opens}); elsewhere the hook stays and this says so once.
 */
final class OnnxExitHook {

  private static final Logger LOG = LoggerFactory.getLogger(OnnxExitHook.class);
  private static final String CLOSER = "ai.onnxruntime.OrtEnvironment$OrtEnvCloser";

  private OnnxExitHook() {}

  /** Removes ONNX Runtime's environment closer from the JVM's shutdown hooks; how many were removed. */
  static synchronized int disarm() {
    try {
      Class<?> hooksClass = Class.forName("java.lang.ApplicationShutdownHooks");
      Field hooksField = hooksClass.getDeclaredField("hooks");
      hooksField.setAccessible(true);
      Field targetField = Thread.class.getDeclaredField("target");
      targetField.setAccessible(true);
      Map<?, ?> hooks;
      synchronized (hooksClass) {
        hooks = (Map<?, ?>) hooksField.get(null);
      }
      if (hooks == null) {
        return 0; // the JVM is already shutting down
      }
      int removed = 0;
      for (Object key : java.util.List.copyOf(hooks.keySet())) {
        Thread hook = (Thread) key;
        Object target = targetField.get(hook);
        if (target != null && CLOSER.equals(target.getClass().getName()) && Runtime.getRuntime().removeShutdownHook(hook)) {
          removed++;
        }
      }
      return removed;
    } catch (IllegalStateException e) {
      return 0; // the JVM is already shutting down
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("ONNX Runtime's exit hook could not be removed ({}): a stop during a model call may crash the JVM;"
          + " run with --add-opens java.base/java.lang=ALL-UNNAMED (the jar does)", e.toString());
      return -1;
    }
  }
}
