package io.intake.vectors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a new item's look-alikes mean for it (identity beats similarity). Neighbours at or
 * above the threshold are either a semantic merge or related items:
 * <ul>
 *   <li>an item with a native identity (Alertmanager fingerprint, PagerDuty dedup key, Datadog
 *   cycle key, Jira key, agent run, log pattern) is never merged by text: its source says it is a
 *   distinct signal, and it has its own lifecycle (the source resolves it). Its look-alikes are
 *   related;</li>
 *   <li>an item without one (demo, manual: human-written reports) is merged into its nearest
 *   look-alike; the other look-alikes are related.</li>
 * </ul>
 * Pure: no Vert.x types; the index verticle supplies the neighbours.
 */
public final class DedupPolicy {

  /** A neighbour and its cosine similarity. */
  public record Candidate(String id, double score) {
  }

  /**
   * @param mergeInto the item to fold into, or null
   * @param related   the other look-alikes at or above the threshold, best first
   */
  public record Decision(Candidate mergeInto, List<Candidate> related) {
    public boolean isEmpty() {
      return mergeInto == null && related.isEmpty();
    }
  }

  private DedupPolicy() {
  }

  /**
   * @param nativeIdentity whether the new item carries its source's own identity
   * @param candidates     open (or assigned) neighbours of the same service, any order; none of
   *                       them merged into another item
   */
  public static Decision decide(boolean nativeIdentity, List<Candidate> candidates, double threshold) {
    List<Candidate> near = new ArrayList<>();
    for (Candidate c : candidates) {
      if (c.score() >= threshold) {
        near.add(c);
      }
    }
    near.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::id));
    if (nativeIdentity || near.isEmpty()) {
      return new Decision(null, List.copyOf(near));
    }
    return new Decision(near.get(0), List.copyOf(near.subList(1, near.size())));
  }
}
