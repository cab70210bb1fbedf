package io.intake.normalize;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Maps one source's payload to the canonical work item. Implementations are pure: no I/O, no
 * Vert.x types. The payload has already passed the source's JSON schema.
 */
public interface SourceNormalizer {

  /**
   * @param payload the parsed request body
   * @param rawBody the body exactly as received, kept on the item
   */
  Normalized normalize(JsonNode payload, String rawBody);
}
