package io.intake.vectors;

import io.weaviate.client.base.WeaviateError;
import io.weaviate.client.base.WeaviateErrorMessage;
import io.weaviate.client.v1.batch.model.ObjectGetResponse;
import io.weaviate.client.v1.batch.model.ObjectGetResponseStatus;
import io.weaviate.client.v1.batch.model.ObjectsGetResponseAO2Result;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Weaviate refused or did not answer. {@link #status()} is the HTTP status of its answer, 0 when
 * there was none (connection refused, read timed out), or 422 when a batch came back 200 with
 * some objects refused.
 */
public final class WeaviateStoreException extends IllegalStateException {

  private final int status;

  public WeaviateStoreException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** {@code weaviate <action>: HTTP 422: msg; msg} or {@code weaviate <action>: no answer: msg}. */
  public static WeaviateStoreException of(String action, WeaviateError error) {
    String messages = error.getMessages() == null ? "" : error.getMessages().stream()
        .filter(Objects::nonNull)
        .map(WeaviateErrorMessage::getMessage)
        .filter(Objects::nonNull)
        .collect(Collectors.joining("; "));
    String where = error.getStatusCode() == 0 ? "no answer" : "HTTP " + error.getStatusCode();
    return new WeaviateStoreException(error.getStatusCode(),
        "weaviate " + action + ": " + where + (messages.isEmpty() ? "" : ": " + messages));
  }

  /**
   * The objects of a batch answer that were refused (errors, or status FAILED) or not answered
   * for at all, as one failure naming each work item id with Weaviate's reasons; null if none.
   *
   * @param workItemIds object UUID → work item id, for every object sent
   */
  public static WeaviateStoreException ofBatch(Map<String, String> workItemIds, ObjectGetResponse[] answers) {
    Map<String, String> unanswered = new HashMap<>(workItemIds);
    List<String> refused = new ArrayList<>();
    for (ObjectGetResponse answer : answers) {
      if (answer == null) {
        continue;
      }
      unanswered.remove(answer.getId());
      String reasons = reasons(answer.getResult());
      if (reasons != null) {
        refused.add(workItemIds.getOrDefault(answer.getId(), String.valueOf(answer.getId())) + ": " + reasons);
      }
    }
    unanswered.values().stream().sorted().forEach(id -> refused.add(id + ": no result in Weaviate's answer"));
    if (refused.isEmpty()) {
      return null;
    }
    return new WeaviateStoreException(422, "weaviate batch: " + refused.size() + " of " + workItemIds.size()
        + " objects refused: " + String.join("; ", refused));
  }

  private static String reasons(ObjectsGetResponseAO2Result result) {
    if (result == null) {
      return null;
    }
    List<String> messages = new ArrayList<>();
    if (result.getErrors() != null && result.getErrors().getError() != null) {
      result.getErrors().getError().stream()
          .filter(Objects::nonNull)
          .map(e -> e.getMessage())
          .filter(Objects::nonNull)
          .forEach(messages::add);
    }
    if (!messages.isEmpty()) {
      return String.join(", ", messages);
    }
    return ObjectGetResponseStatus.FAILED.equals(result.getStatus()) ? "FAILED without a message" : null;
  }
}
