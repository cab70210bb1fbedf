package io.intake.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Maps one source's payload to what it asks of us: items to create or update, outcomes to record
 * on open items, acknowledgements. Pure, like {@link SourceNormalizer}; the payload has passed
 * the source's JSON schema.
 */
public interface SourceEventNormalizer {

  /**
   * @param payload the parsed request body
   * @param rawBody the body exactly as received, kept on the items
   * @return at least one action
   */
  List<SourceAction> actions(JsonNode payload, String rawBody);
}
