package io.intake.metrics;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The meters of one name, held by their tag values once registered. A builder's
 * {@code register} on every request builds an id, sorts its tags and looks it up in the registry:
 * in the duplicate storm that was a measurable part of each request's time on the event loop. Here
 * a request costs one map lookup, and a meter is still registered on first use only (a tag value
 * nobody uses shows no series).
 *
 * <p>Only for tags with few values (route templates, sources, outcomes, bus addresses): the cache
 * holds every combination seen for as long as the registry lives.
 *
 * @param <M> the meter type (Counter, Timer, …)
 */
public final class MeterCache<M> {

  private final ConcurrentHashMap<List<String>, M> meters = new ConcurrentHashMap<>();
  private final Function<List<String>, M> register;

  /** @param register registers the meter for one combination of tag values, in the order {@link #get} gets them */
  public MeterCache(Function<List<String>, M> register) {
    this.register = register;
  }

  public M get(String... tagValues) {
    List<String> key = List.of(tagValues);
    M meter = meters.get(key);
    return meter != null ? meter : meters.computeIfAbsent(key, register);
  }
}
