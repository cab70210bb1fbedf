package io.intake.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The one normalizer interface: maps one source event's payload to what it asks of us (items to
 * create or count, outcomes to record on open items, acknowledgements, agent events). Pure: no
 * I/O, no Vert.x types. A payload from HTTP has passed the source's JSON schema; one from an
 * internal producer (the log-pattern miner, the health watcher) is built by that producer.
 */
public interface SourceNormalizer {

  /**
   * @param payload the parsed event body
   * @param rawBody the body exactly as received, kept on the items (null for internal producers)
   * @return at least one action
   */
  List<SourceAction> actions(JsonNode payload, String rawBody);
}
