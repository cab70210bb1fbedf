package io.intake.evaluation.baseline;

import io.intake.patterns.*;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Online log pattern miner: one line at a time, a bounded number of patterns, no per-source
 * configuration.
 *
 * <p>Each line is split into header and message ({@link HeaderParser}); the message is tokenized
 * and its variable-looking tokens masked ({@link TokenMasker}). Lines whose masked tokens are the
 * same belong to the same pattern. Messages with the same token count that differ
 * in one position only are kept apart — the word there may name a different event — until that
 * position has shown {@link MinerSettings#distinctToGeneralize()} different words; then they are
 * merged into the oldest of them, with a wildcard there. Later lines with any word there join it.
 *
 * <p>Pattern ids are assigned at creation and never change. A merge retires the younger ids:
 * {@link MineResult#mergedIds()} lists them once, and {@link #canonicalId(long)} maps them to the
 * pattern they joined.
 *
 * <p>Not thread-safe: meant to be owned by one verticle (its event loop) or one thread.
 */
public final class PatternMiner {

  private static final String NO_LEVEL = "NONE";
  private static final int MAX_EXAMPLE_CHARS = 2_000;
  private static final int LONG_MESSAGE = 5;

  private final MinerSettings settings;
  private final Clock clock;
  private final HeaderParser headers;
  private final TokenMasker masker = new TokenMasker();
  private long nextId = 1;

  /** Live patterns, least recently seen first. */
  private final LinkedHashMap<Long, MinedPattern> live = new LinkedHashMap<>(256, 0.75f, true);
  /** Patterns by token count: the only ones a new message is compared with. */
  private final Map<Integer, List<MinedPattern>> groups = new HashMap<>();
  /** Masked message → pattern, for the lines that follow the first; bounded. */
  private final Map<String, MinedPattern> byKey;
  /** Retired id → pattern it was merged into; bounded. */
  private final Map<Long, MinedPattern> retired;

  public PatternMiner() {
    this(MinerSettings.DEFAULTS, Clock.systemUTC());
  }

  public PatternMiner(MinerSettings settings) {
    this(settings, Clock.systemUTC());
  }

  public PatternMiner(MinerSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.headers = new HeaderParser(clock);
    int keyCapacity = settings.maxPatterns() * 4;
    this.byKey = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, MinedPattern> eldest) {
        return size() > keyCapacity;
      }
    };
    this.retired = new LinkedHashMap<>(64, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, MinedPattern> eldest) {
        return size() > settings.maxPatterns();
      }
    };
  }

  /** Mines a raw line: header parsed from the line itself. */
  public MineResult mine(String rawLine) {
    String line = rawLine == null ? "" : rawLine;
    ParsedLine parsed = headers.parse(line);
    return mine(parsed.header(), parsed.message(), line);
  }

  /** Mines the message of a structured event whose level is known (word, letter or null). */
  public MineResult mine(String message, String levelHint) {
    return mine(message, levelHint, null);
  }

  /** As {@link #mine(String, String)}, with the emitting service reported as the component. */
  public MineResult mine(String message, String levelHint, String service) {
    String m = message == null ? "" : message.strip();
    LogHeader header = new LogHeader(null, LogLevels.normalizeHint(levelHint), null, service, null, null);
    return mine(header, m, m);
  }

  private MineResult mine(LogHeader header, String message, String example) {
    String[] tokens = cap(masker.mask(message));
    String key = String.join(" ", tokens);
    List<Long> merged = List.of();
    boolean created = false;
    MinedPattern p = resolve(byKey.get(key));
    if (p == null) {
      List<MinedPattern> group = groups.computeIfAbsent(groupKey(tokens), k -> new ArrayList<>());
      p = bestMatch(group, tokens);
      if (p == null) {
        List<MinedPattern> family = family(group, tokens);
        if (family != null) {
          merged = new ArrayList<>();
          p = merge(group, family, tokens, merged);
        } else {
          p = new MinedPattern(nextId++, tokens);
          group.add(p);
          live.put(p.id, p);
          created = true;
        }
      }
      byKey.put(key, p);
    }
    live.get(p.id); // touch: most recently seen
    p.record(header, example, header.timestamp() != null ? header.timestamp() : clock.instant(), settings.maxExamples());
    evictBeyondLimit();
    return new MineResult(p.id, p.template(), created, merged, header, message);
  }

  /** The live pattern a (possibly retired) id belongs to now; the id itself when live or unknown. */
  public long canonicalId(long id) {
    if (live.containsKey(id)) {
      return id;
    }
    MinedPattern p = resolve(retired.get(id));
    return p == null ? id : p.id;
  }

  /** Snapshots of the live patterns, by id. */
  public List<PatternSnapshot> patterns() {
    List<PatternSnapshot> out = new ArrayList<>(live.size());
    for (MinedPattern p : live.values()) {
      out.add(p.snapshot());
    }
    out.sort((a, b) -> Long.compare(a.id(), b.id()));
    return out;
  }

  /** The live pattern with this id (or the one a retired id was merged into). */
  public Optional<PatternSnapshot> pattern(long id) {
    MinedPattern p = live.get(canonicalId(id));
    return p == null ? Optional.empty() : Optional.of(p.snapshot());
  }

  /** Number of live patterns. */
  public int size() {
    return live.size();
  }

  /** The header/message split this miner applies to raw lines. */
  public ParsedLine parse(String rawLine) {
    return headers.parse(rawLine == null ? "" : rawLine);
  }

  private String[] cap(String[] tokens) {
    if (tokens.length <= settings.maxTokens()) {
      return tokens;
    }
    String[] capped = Arrays.copyOf(tokens, settings.maxTokens());
    capped[capped.length - 1] = TokenMasker.WILDCARD;
    return capped;
  }

  private static Integer groupKey(String[] tokens) {
    return tokens.length;
  }

  /** The most specific pattern of the group whose template matches the tokens. */
  private static MinedPattern bestMatch(List<MinedPattern> group, String[] tokens) {
    MinedPattern best = null;
    int bestWildcards = Integer.MAX_VALUE;
    for (MinedPattern p : group) {
      int wildcards = p.matches(tokens);
      if (wildcards >= 0 && wildcards < bestWildcards) {
        best = p;
        bestWildcards = wildcards;
      }
    }
    return best;
  }

  /**
   * The patterns that differ from the tokens in one position only, when that position has now
   * shown enough different words to be a parameter; null otherwise. The first word of a short
   * message names the event far more often than not ("cupsd startup succeeded", "ntpd startup
   * succeeded"): it is a parameter only in messages of {@value #LONG_MESSAGE} tokens or more.
   */
  private List<MinedPattern> family(List<MinedPattern> group, String[] tokens) {
    if (group.size() < settings.distinctToGeneralize() - 1) {
      return null;
    }
    Map<Integer, List<MinedPattern>> byPosition = null;
    for (MinedPattern p : group) {
      int position = p.singleDifference(tokens);
      if (position > 0 || (position == 0 && tokens.length >= LONG_MESSAGE)) {
        if (byPosition == null) {
          byPosition = new HashMap<>();
        }
        byPosition.computeIfAbsent(position, k -> new ArrayList<>()).add(p);
      }
    }
    if (byPosition == null) {
      return null;
    }
    for (Map.Entry<Integer, List<MinedPattern>> e : byPosition.entrySet()) {
      Set<String> words = new HashSet<>();
      words.add(tokens[e.getKey()]);
      for (MinedPattern p : e.getValue()) {
        words.add(p.tokens[e.getKey()]);
      }
      if (words.size() >= settings.distinctToGeneralize()) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Merges the family into its oldest member, generalized to cover the tokens too. */
  private MinedPattern merge(List<MinedPattern> group, List<MinedPattern> family, String[] tokens, List<Long> merged) {
    MinedPattern survivor = Collections.min(family, (a, b) -> Long.compare(a.id, b.id));
    survivor.generalize(tokens);
    for (MinedPattern p : family) {
      if (p != survivor) {
        survivor.generalize(p.tokens);
        survivor.absorb(p, settings.maxExamples());
        p.mergedInto = survivor;
        group.remove(p);
        live.remove(p.id);
        retired.put(p.id, survivor);
        merged.add(p.id);
      }
    }
    return survivor;
  }

  private void evictBeyondLimit() {
    while (live.size() > settings.maxPatterns()) {
      Iterator<MinedPattern> eldest = live.values().iterator();
      MinedPattern p = eldest.next();
      eldest.remove();
      p.evicted = true;
      List<MinedPattern> group = groups.get(groupKey(p.tokens));
      if (group != null) {
        group.remove(p);
        if (group.isEmpty()) {
          groups.remove(groupKey(p.tokens));
        }
      }
    }
  }

  /** Follows merges; null for an evicted pattern. */
  private static MinedPattern resolve(MinedPattern p) {
    while (p != null && p.mergedInto != null) {
      p = p.mergedInto;
    }
    return p == null || p.evicted ? null : p;
  }

  private static final class MinedPattern {
    final long id;
    final String[] tokens;
    String template;
    long count;
    Instant firstSeen;
    Instant lastSeen;
    final long[] levels = new long[LogLevels.ALL.size() + 1];
    final List<String> examples = new ArrayList<>(3);
    MinedPattern mergedInto;
    boolean evicted;

    MinedPattern(long id, String[] tokens) {
      this.id = id;
      this.tokens = tokens.clone();
      this.template = String.join(" ", this.tokens);
    }

    String template() {
      return template;
    }

    /** Wildcards used to match, or -1 when the template does not match the tokens. */
    int matches(String[] other) {
      if (other.length != tokens.length) {
        return -1;
      }
      int wildcards = 0;
      for (int i = 0; i < tokens.length; i++) {
        if (tokens[i] == TokenMasker.WILDCARD || tokens[i].equals(TokenMasker.WILDCARD)) {
          wildcards++;
        } else if (!tokens[i].equals(other[i])) {
          return -1;
        }
      }
      return wildcards;
    }

    /** The one position where the template has another word than the tokens, or -1. */
    int singleDifference(String[] other) {
      if (other.length != tokens.length) {
        return -1;
      }
      int position = -1;
      for (int i = 0; i < tokens.length; i++) {
        if (!tokens[i].equals(other[i]) && !tokens[i].equals(TokenMasker.WILDCARD)) {
          if (position >= 0) {
            return -1;
          }
          position = i;
        }
      }
      return position;
    }

    void generalize(String[] other) {
      boolean changed = false;
      for (int i = 0; i < tokens.length; i++) {
        if (!tokens[i].equals(other[i]) && !tokens[i].equals(TokenMasker.WILDCARD)) {
          tokens[i] = TokenMasker.WILDCARD;
          changed = true;
        }
      }
      if (changed) {
        template = String.join(" ", tokens);
      }
    }

    void record(LogHeader header, String line, Instant at, int maxExamples) {
      count++;
      if (firstSeen == null || at.isBefore(firstSeen)) {
        firstSeen = at;
      }
      if (lastSeen == null || at.isAfter(lastSeen)) {
        lastSeen = at;
      }
      int level = LogLevels.index(header.level());
      levels[level < 0 ? levels.length - 1 : level]++;
      addExample(line, maxExamples);
    }

    void absorb(MinedPattern other, int maxExamples) {
      count += other.count;
      if (other.firstSeen != null && (firstSeen == null || other.firstSeen.isBefore(firstSeen))) {
        firstSeen = other.firstSeen;
      }
      if (other.lastSeen != null && (lastSeen == null || other.lastSeen.isAfter(lastSeen))) {
        lastSeen = other.lastSeen;
      }
      for (int i = 0; i < levels.length; i++) {
        levels[i] += other.levels[i];
      }
      for (String e : other.examples) {
        addExample(e, maxExamples);
      }
    }

    private void addExample(String line, int maxExamples) {
      if (examples.size() < maxExamples) {
        String e = line.length() > MAX_EXAMPLE_CHARS ? line.substring(0, MAX_EXAMPLE_CHARS) : line;
        if (!examples.contains(e)) {
          examples.add(e);
        }
      }
    }

    PatternSnapshot snapshot() {
      Map<String, Long> byLevel = new LinkedHashMap<>();
      for (int i = 0; i < LogLevels.ALL.size(); i++) {
        if (levels[i] > 0) {
          byLevel.put(LogLevels.ALL.get(i), levels[i]);
        }
      }
      if (levels[levels.length - 1] > 0) {
        byLevel.put(NO_LEVEL, levels[levels.length - 1]);
      }
      return new PatternSnapshot(id, template, count, firstSeen, lastSeen, Collections.unmodifiableMap(byLevel),
          List.copyOf(examples));
    }
  }
}
