package io.intake.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.model.Severity;
import io.intake.model.WorkItemDraft;
import io.intake.model.WorkItemDraft.Identity;
import java.time.Duration;
import java.util.List;

/**
 * Work items submitted in our own format: {@code POST /ingest/demo} (monitoring systems and the
 * simulator) and {@code POST /work-items} (people, from the UI). The two differ only in their
 * source name, default origin and dedup window.
 */
public final class DirectSubmissionNormalizer implements SourceNormalizer {

  private final String source;
  private final Duration dedupWindow;

  /**
   * @param source      "demo" or "manual"; also the default {@code origin_system}
   * @param dedupWindow a repeat of the same service, type and text within this window counts as
   *                    an occurrence of the open item; {@link Duration#ZERO} turns merging off
   */
  public DirectSubmissionNormalizer(String source, Duration dedupWindow) {
    this.source = source;
    this.dedupWindow = dedupWindow;
  }

  @Override
  public List<SourceAction> actions(JsonNode payload, String rawBody) {
    return List.of(new SourceAction.Upsert(draft(payload, rawBody)));
  }

  /** The submission as a work item draft. */
  public WorkItemDraft draft(JsonNode payload, String rawBody) {
    String service = payload.path("service").asText().strip();
    String type = text(payload, "type", "incident");
    String description = payload.path("description").asText();
    String rawLog = text(payload, "raw_log", description);
    Severity severity = Severity.parse(payload.path("severity").asText()).orElseThrow(
        () -> new IllegalArgumentException("severity was not validated"));
    String fingerprint = Fingerprint.of(source, service, type, Fingerprint.canonicalText(rawLog));
    return new WorkItemDraft(
        source,
        type,
        service,
        severity,
        description,
        rawLog,
        text(payload, "origin_system", source),
        text(payload, "creator_id", null),
        null,
        rawBody,
        payload.hasNonNull("story_points") ? payload.get("story_points").asInt() : null,
        text(payload, "impact", null),
        new Identity(fingerprint, dedupWindow));
  }

  static String text(JsonNode node, String field, String fallback) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? fallback : value.asText();
  }
}
