package io.intake.load;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * One request a scenario wants sent.
 *
 * @param units what a success counts for (a work item, an event, 1,000 log lines…)
 */
public record LoadRequest(HttpMethod method, String path, Buffer body, int units) {

  public static LoadRequest get(String path) {
    return new LoadRequest(HttpMethod.GET, path, null, 1);
  }

  public static LoadRequest post(String path, Buffer body, int units) {
    return new LoadRequest(HttpMethod.POST, path, body, units);
  }
}
