package io.intake.patterns;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
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
  private static final int VALUE_DISTINCT = 3;

  private final MinerSettings settings;
  private final Clock clock;
  private final HeaderLayouts headers;
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
    this.headers = new HeaderLayouts(clock);
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

  /**
   * Mines a raw line at once: header parsed from the line itself. A line read before its stream's
   * header layout is learned may get an id that a later relayout joins to another; {@link #offer}
   * holds such lines back instead.
   */
  public MineResult mine(String rawLine) {
    String line = rawLine == null ? "" : rawLine;
    ParsedLine parsed = learn(line);
    unsettled = headers.unsettled();
    return mine(parsed.header(), parsed.message(), line, true);
  }

  /** Splits the line, learning layouts from it; relayouts the patterns when the layouts changed. */
  private ParsedLine learn(String line) {
    ParsedLine parsed = headers.parse(line);
    if (headers.version() != layoutVersion) {
      layoutVersion = headers.version();
      relayout();
      // The layouts changed while this line was read: read it again as the lines before it were.
      parsed = headers.reparse(line);
    }
    return parsed;
  }

  /**
   * A raw line's result, reported when the line was mined: at once, or when it left the hold-back.
   *
   * @param sequence  the line's place among the lines offered to this miner, from 0
   * @param levelHint what the caller passed with the line
   */
  public record Released(long sequence, String line, String levelHint, MineResult result) {
  }

  /** A line offered and not reported yet: not mined while its layout is learned, or mined onto an undecided pattern. */
  private static final class Held {
    final long sequence;
    final String line;
    final String levelHint;
    final long since;
    MineResult result;

    Held(long sequence, String line, String levelHint, long since) {
      this.sequence = sequence;
      this.line = line;
      this.levelHint = levelHint;
      this.since = since;
    }
  }

  /** Lines offered and not reported yet, oldest first. */
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private long offered;
  private int maturity;

  /**
   * Mines a raw line as a stream's lines should be, so that the id a line is reported with is the
   * id its event keeps. A line whose header layout is not learned yet (the first lines of a
   * stream, of a new format in a mixed stream, or of a stream that changed format) is held back
   * and mined once its layout settles, so that its header fields are not read as message words.
   * A line whose pattern is new and differs from an older one in a word or two (a value not yet
   * generalized, or another event) is held until that pattern either joins the older one or has
   * shown {@value #PROBATION_LINES} lines of its own. At most {@link MinerSettings#holdLines()}
   * lines are held, none longer than {@link MinerSettings#holdMillis()} (by the miner's clock,
   * checked on each call and by {@link #releaseDue()}); {@link #releaseAll()} reports the rest. A
   * held line is reported with the id and template its pattern has when it is released.
   *
   * @return the lines reported by this call (this one, held ones, both or none), in the order mined
   */
  public List<Released> offer(String rawLine, String levelHint) {
    String line = rawLine == null ? "" : rawLine;
    long sequence = offered++;
    ParsedLine parsed = learn(line);
    boolean settled = !headers.worthHolding() || settings.holdLines() == 0;
    boolean unsettledNow = headers.unsettled();
    if (held.isEmpty() && settled) {
      unsettled = unsettledNow;
      MineResult r = mine(parsed.header(), parsed.message(), line, true);
      if (!onProbation(lastPattern) || settings.holdLines() == 0) {
        return List.of(new Released(sequence, line, levelHint, r));
      }
      Held h = new Held(sequence, line, levelHint, clock.millis());
      h.result = r;
      held.add(h);
      return List.of();
    }
    List<Released> out = new ArrayList<>();
    release(false, 1, out);
    Held h = new Held(sequence, line, levelHint, clock.millis());
    if (settled) {
      unsettled = unsettledNow;
      h.result = mine(parsed.header(), parsed.message(), line, true);
      if (!onProbation(lastPattern)) {
        out.add(new Released(sequence, line, levelHint, h.result));
        release(false, 0, out); // a merge it made may decide held lines
        return out;
      }
    }
    held.add(h);
    release(false, 0, out);
    return out;
  }

  /** Reports the held lines that waited {@link MinerSettings#holdMillis()} or whose wait is over. */
  public List<Released> releaseDue() {
    return released(false);
  }

  /** Mines and reports every held line (a flush, a shutdown, the end of a file). */
  public List<Released> releaseAll() {
    return released(true);
  }

  private List<Released> released(boolean all) {
    if (held.isEmpty()) {
      return List.of();
    }
    List<Released> out = new ArrayList<>();
    release(all, 0, out);
    return out;
  }

  /** Lines held back now. */
  public int heldLines() {
    return held.size();
  }

  /** Lines a pattern made beside a near twin must show before its lines are reported on its own id. */
  private static final int PROBATION_LINES = 16;

  private boolean onProbation(long id) {
    return onProbation(current(id));
  }

  private static boolean onProbation(MinedPattern p) {
    return p != null && p.probation && p.count < PROBATION_LINES;
  }

  /** The pattern the last mined line was counted on. */
  private MinedPattern lastPattern;

  private static final int MATURITY_PASS_LINES = 16;
  private long maturityPass;

  /** Merges, evictions and probations ended: a held line's pattern may be decided since. */
  private long decisions;
  private long decisionsSeen;

  /**
   * Mines and reports the held lines due: the oldest beyond the limit (leaving {@code room} for a
   * line about to be held) and those held too long; then, when the layouts matured, mines the held
   * lines whose layout settled; then, when a pattern was decided since, reports every mined line
   * whose pattern is decided. With {@code all}, every line. Each pass over the held lines runs
   * only when something changed, so a long hold costs nothing per line.
   */
  private void release(boolean all, int room, List<Released> out) {
    long due = all ? Long.MAX_VALUE : clock.millis() - settings.holdMillis();
    int over = all ? Integer.MAX_VALUE : held.size() + room - settings.holdLines();
    while (!held.isEmpty() && (over-- > 0 || held.peekFirst().since <= due)) {
      Held h = held.pollFirst();
      if (h.result == null) {
        mineHeld(h);
      }
      out.add(report(h));
    }
    if (held.isEmpty()) {
      return;
    }
    if (headers.maturity() != maturity && (all || offered - maturityPass >= MATURITY_PASS_LINES)) {
      // Reading the held lines again costs a header split each: in a mixed stream, where layouts
      // mature often while many lines wait, at most once per MATURITY_PASS_LINES lines.
      maturity = headers.maturity();
      maturityPass = offered;
      for (Held h : held) {
        if (h.result == null) {
          headers.reparse(h.line);
          if (!headers.worthHolding()) {
            mineHeld(h);
            decisions++; // a line mined now may be reported at once
          }
        }
      }
    }
    if (decisions != decisionsSeen) {
      decisionsSeen = decisions;
      for (Iterator<Held> it = held.iterator(); it.hasNext();) {
        Held h = it.next();
        if (h.result != null && !onProbation(h.result.patternId())) {
          it.remove();
          out.add(report(h));
        }
      }
    }
  }

  private void mineHeld(Held h) {
    ParsedLine parsed = headers.reparse(h.line);
    unsettled = headers.unsettled();
    h.result = mine(parsed.header(), parsed.message(), h.line, true);
  }

  /** A held line as reported now: on the pattern it joined since it was mined, with the template as it stands. */
  private Released report(Held h) {
    MineResult m = h.result;
    MinedPattern p = current(m.patternId());
    if (p != null && (p.id != m.patternId() || !p.template().equals(m.template()))) {
      m = new MineResult(p.id, p.template(), m.newPattern() && p.id == m.patternId(), m.mergedIds(), m.header(),
          m.message());
    }
    return new Released(h.sequence, h.line, h.levelHint, m);
  }

  private boolean unsettled;

  /**
   * Headers are learned as lines arrive, so the first lines of a stream may have been split
   * before their layout was known, with header fields left in the message. When the layouts
   * change, the patterns made from raw lines before are split again from their first line: one
   * that now reads as another pattern joins it (the older id survives), one that reads
   * differently takes its new template under its own id.
   */
  private void relayout() {
    for (MinedPattern p : new ArrayList<>(live.values())) {
      if (p.firstRaw == null || p.layoutVersion == layoutVersion || p.mergedInto != null || p.evicted) {
        continue;
      }
      p.layoutVersion = layoutVersion;
      String message = headers.reparse(p.firstRaw).message();
      String[] tokens = typed(cap(masker.mask(message)), message);
      if (p.matches(tokens) >= 0 && (p.widened || Arrays.equals(p.tokens, tokens))) {
        continue;
      }
      removeFromGroup(p);
      List<MinedPattern> group = groups.computeIfAbsent(groupKey(tokens), k -> new ArrayList<>());
      MinedPattern q = bestMatch(group, tokens);
      if (q == null) {
        q = runMatch(spans(tokens)); // a pattern with a slot where this one has a span
        if (q != null) {
          group = groups.computeIfAbsent(groupKey(q.tokens), k -> new ArrayList<>());
        }
      }
      if (q == null) {
        p.retoken(tokens);
        p.widened = false; // its own first line, split anew: still only what that line says
        p.forgetConstants();
        group.add(p);
        if (runMerge(p, spans(tokens), false) == null) {
          absorbSpans(p);
        }
      } else if (q.id < p.id) {
        q.absorb(p, settings.maxExamples());
        retire(p, q);
      } else {
        group.remove(q);
        p.retoken(q.tokens);
        p.absorb(q, settings.maxExamples());
        group.add(p);
        retire(q, p);
      }
    }
  }

  private void retire(MinedPattern p, MinedPattern into) {
    gone.add(p.id);
    dirty.remove(p.id);
    dirty.add(into.id);
    p.mergedInto = into;
    decisions++;
    live.remove(p.id);
    retired.put(p.id, into);
    pendingMerged.add(p.id);
  }

  private void removeFromGroup(MinedPattern p) {
    List<MinedPattern> group = groups.get(groupKey(p.tokens));
    if (group != null) {
      group.remove(p);
      if (group.isEmpty()) {
        groups.remove(groupKey(p.tokens));
      }
    }
  }

  /**
   * Patterns made from raw lines whose header took no level but whose message holds a level word,
   * keyed by their tokens with that word left out. Before a stream's layouts are learned (its first
   * 3-20 lines, or longer for a level that comes after other fields, as logrus' {@code level=}), the
   * level is read as a message word, and each level of one event made a pattern of its own that
   * a relayout joined later: the lines counted on the younger ids had been reported under an id
   * that did not last. A line that differs from such a pattern only by the level word joins it at
   * once; the relayout then splits the pattern's first line as before. The same map holds the
   * words of lines read before their layout settled ({@link #unheadered}).
   */
  private final Map<String, MinedPattern> byLevelless = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, MinedPattern> eldest) {
      return size() > 256;
    }
  };

  /** The tokens with their level words (bare, bracketed or {@code level=}) as one mark; null when none. */
  private static String unleveled(String[] tokens) {
    StringBuilder b = null;
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i];
      int eq = t.indexOf('=');
      boolean level = LogLevels.of(t, eq + 1, t.length()) != null;
      if (level && b == null) {
        b = new StringBuilder();
        for (int k = 0; k < i; k++) {
          b.append(tokens[k]).append(' ');
        }
      }
      if (b != null) {
        b.append(level ? (eq >= 0 ? t.substring(0, eq + 1) + "\u0000L" : "\u0000L") : t).append(' ');
      }
    }
    return b == null ? null : b.toString();
  }

  /**
   * The words of a line read before its layout settled, without its values and levels: header
   * fields not yet learned (zap's caller {@code store/pg.go:307}, an optional {@code *cid} or
   * {@code [client …]}) are left in the message and made one pattern per field value. Lines whose
   * words agree join the first such pattern at once (keyed apart from {@link #unleveled}); null
   * below two words, too little to tell events apart.
   */
  private static String unheadered(String[] tokens) {
    StringBuilder b = new StringBuilder("\u0000H ");
    int words = 0;
    for (String t : tokens) {
      if (!t.contains("<*>") && LogLevels.of(t) == null) {
        b.append(t).append(' ');
        words++;
      }
    }
    return words < 2 ? null : b.toString();
  }

  private int layoutVersion;
  /** Ids retired by a relayout, reported with the next line's result. */
  private final List<Long> pendingMerged = new ArrayList<>();

  /** Mines the message of a structured event whose level is known (word, letter or null). */
  public MineResult mine(String message, String levelHint) {
    return mine(message, levelHint, null);
  }

  /** As {@link #mine(String, String)}, with the emitting service reported as the component. */
  public MineResult mine(String message, String levelHint, String service) {
    String m = message == null ? "" : message.strip();
    LogHeader header = new LogHeader(null, LogLevels.normalizeHint(levelHint), null, service, null, null);
    return mine(header, m, m, false);
  }

  private MineResult mine(LogHeader header, String message, String example, boolean raw) {
    String[] tokens = typed(cap(masker.mask(message)), message);
    String[] rawOf = masker.rawOfLast();
    boolean[] notes = masker.notesOfLast();
    String key = String.join(" ", tokens);
    List<Long> merged = List.of();
    boolean created = false;
    MinedPattern p = resolve(byKey.get(key));
    if (p == null) {
      List<MinedPattern> group = groups.computeIfAbsent(groupKey(tokens), k -> new ArrayList<>());
      p = bestMatch(group, tokens);
      List<Span> spans = null;
      if (p == null) {
        spans = spans(tokens);
        p = runMatch(spans);
      }
      if (p == null) {
        p = stretchMatch(tokens);
      }
      String unleveled = raw && header.level() == null ? unleveled(tokens) : null;
      if (unleveled == null && raw && unsettled) {
        unleveled = unheadered(tokens);
      }
      if (p == null && unleveled != null) {
        p = resolve(byLevelless.get(unleveled));

      }
      if (p == null) {
        List<MinedPattern> family = family(group, tokens);
        if (family != null) {
          merged = new ArrayList<>();
          p = merge(group, family, tokens, merged);
        } else {
          p = new MinedPattern(nextId++, tokens);
          for (MinedPattern q : group) {
            if (q.near(tokens)) {
              p.probation = true; // a value not generalized yet, or another event: told apart later
              break;
            }
          }
          for (int k = 0; !p.probation && spans != null && k < spans.size(); k++) {
            RunFamily f = runs.get(spans.get(k).key());
            p.probation = f != null && !f.members.isEmpty(); // the same but for a quoted or bracketed text
          }
          if (raw) {
            p.firstRaw = example;
            p.layoutVersion = layoutVersion;
          }
          group.add(p);
          live.put(p.id, p);
          created = true;
          if (unleveled != null) {
            byLevelless.put(unleveled, p);
          }
          MinedPattern run = runMerge(p, spans, true);
          if (run != null) {
            created = run == p;
            p = run;
          } else {
            MinedPattern wider = absorbSpans(p);
            if (wider != p) {
              // never reported: the line is counted on the older pattern
              pendingMerged.remove(p.id);
              gone.remove(p.id);
              created = false;
              p = wider;
            }
          }
        }
      }
      byKey.put(key, p);
    }
    if (!pendingMerged.isEmpty()) {
      if (merged.isEmpty()) {
        merged = new ArrayList<>();
      }
      merged.addAll(pendingMerged);
      pendingMerged.clear();
    }
    live.get(p.id); // touch: most recently seen
    dirty.add(p.id);
    p.record(header, example, header.timestamp() != null ? header.timestamp() : clock.instant(), settings.maxExamples());
    if (p.probation && p.count == PROBATION_LINES) {
      decisions++; // its held lines are reported on its own id now
    }
    if (p.tokens.length == tokens.length) {
      p.observe(rawOf);
      p.observeNotes(notes);
    }
    evictBeyondLimit();
    lastPattern = p;
    return new MineResult(p.id, p.template(), created, merged, header, message);
  }

  /** The live pattern a (possibly retired) id belongs to now; the id itself when live or unknown. */
  public long canonicalId(long id) {
    MinedPattern p = current(id);
    return p == null ? id : p.id;
  }

  /** The pattern an id stands for now: itself while live, else the one it was merged into; null when evicted or unknown. */
  private MinedPattern current(long id) {
    MinedPattern p = live.get(id);
    return p != null ? p : resolve(retired.get(id));
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

  /**
   * Puts back a pattern saved before a restart: same id, template, counts, times, levels and
   * examples. Lines that fit its template are counted on it again; new patterns get ids after the
   * highest restored one. Call before mining.
   */
  public void restore(PatternSnapshot s) {
    String[] tokens = s.template().isEmpty() ? new String[0] : s.template().split(" ");
    for (int i = 0; i < tokens.length; i++) {
      if (!tokens[i].contains(TokenMasker.WILDCARD) && TokenMasker.hasDigit(tokens[i])) {
        tokens[i] = TokenMasker.token(tokens[i]); // a constant shown in place of its mask
      }
    }
    // A template shows restated quantities its tokens leave out (bytes (<*>) sent); a masked
    // token of its own reads the same, so the template as written is known as well.
    String written = String.join(" ", tokens);
    boolean[] notes = null;
    int kept = 0;
    for (int i = 0; i < tokens.length; i++) {
      if (kept > 0 && tokens[i].equals(NOTE)) {
        notes = notes == null ? new boolean[tokens.length] : notes;
        notes[kept - 1] = true;
      } else {
        tokens[kept++] = tokens[i];
      }
    }
    tokens = Arrays.copyOf(tokens, kept);
    MinedPattern p = new MinedPattern(s.id(), tokens);
    if (notes != null) {
      p.restoreNotes(notes, s.count());
    }
    p.count = s.count();
    p.firstSeen = s.firstSeen();
    p.lastSeen = s.lastSeen();
    s.levels().forEach((level, n) -> {
      int i = LogLevels.index(level);
      p.levels[i < 0 ? p.levels.length - 1 : i] += n;
    });
    p.examples.addAll(s.examples().subList(0, Math.min(s.examples().size(), settings.maxExamples())));
    groups.computeIfAbsent(groupKey(tokens), k -> new ArrayList<>()).add(p);
    live.put(p.id, p);
    byKey.put(String.join(" ", tokens), p);
    byKey.putIfAbsent(written, p);
    nextId = Math.max(nextId, s.id() + 1);
  }

  /**
   * What changed since the last call, for persistence in batches: snapshots of the patterns that
   * counted lines (or were widened) and the ids that were merged into another or evicted.
   */
  public Changes drainChanges() {
    List<PatternSnapshot> changed = new ArrayList<>(dirty.size());
    for (Long id : dirty) {
      MinedPattern p = live.get(id);
      if (p != null) {
        changed.add(p.snapshot());
      }
    }
    dirty.clear();
    List<Long> removed = new ArrayList<>(gone);
    gone.clear();
    return new Changes(changed, removed);
  }

  /** Marks patterns changed again (a save that failed is retried with the next batch). */
  public void markChanged(Changes failed) {
    for (PatternSnapshot p : failed.changed()) {
      dirty.add(p.id());
    }
    gone.addAll(failed.removed());
  }

  /** Patterns changed since the last drain, and ids no longer live. */
  public record Changes(List<PatternSnapshot> changed, List<Long> removed) {
    public boolean isEmpty() {
      return changed.isEmpty() && removed.isEmpty();
    }
  }

  private final Set<Long> dirty = new java.util.LinkedHashSet<>();
  private final Set<Long> gone = new java.util.LinkedHashSet<>();

  /** The header layouts learned so far, one a line (diagnostics). */
  public String layouts() {
    return headers.toString();
  }

  /** The header/message split this miner applies to raw lines. */
  public ParsedLine parse(String rawLine) {
    return headers.parse(rawLine == null ? "" : rawLine);
  }

  /**
   * A message whose every token is variable keeps a constant all the same: the shape of its text
   * (letters, digits, punctuation), as a hidden token the template does not show. Without it,
   * "<*>" would collect every short message of numbers and identifiers, whatever their form.
   */
  private static String[] typed(String[] tokens, String message) {
    for (String t : tokens) {
      if (!t.equals(TokenMasker.WILDCARD)) {
        return tokens;
      }
    }
    if (tokens.length == 0) {
      return tokens;
    }
    StringBuilder shape = new StringBuilder(HIDDEN);
    char prev = 0;
    for (int k = 0; k < message.length() && shape.length() < 32; k++) {
      char c = message.charAt(k);
      char cls = Character.isLetter(c) ? 'a' : Character.isDigit(c) ? '9' : Character.isWhitespace(c) ? ' ' : c;
      if (cls != prev) {
        shape.append(cls);
      }
      prev = cls;
    }
    String[] out = Arrays.copyOf(tokens, tokens.length + 1);
    out[tokens.length] = shape.toString();
    return out;
  }

  static final String HIDDEN = "\u0000";
  /** How a template shows a restated quantity the tokens leave out ({@code (152 KB)}). */
  static final String NOTE = "(" + TokenMasker.WILDCARD + ")";
  /** Lines a masked position must have held the same text in before the template shows it. */
  private static final int CONSTANT_AFTER = 5;
  private static final String VARIED = new String("\u0000varied");

  /** The template of tokens: hidden ones left out. */
  static String join(String[] tokens) {
    StringBuilder b = new StringBuilder();
    for (String t : tokens) {
      if (t.startsWith(HIDDEN)) {
        continue;
      }
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(t);
    }
    return b.toString();
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
   * The patterns that differ from the tokens in the same one or two positions, when those
   * positions have now shown enough different words to be parameters; null otherwise. Plain
   * words need {@link MinerSettings#distinctToGeneralize()} different words, values that look
   * like identifiers ({@code WAKE_A}, {@code "quoted"}, {@code java.io.IOException},
   * {@code userById}, judged on the value of a key=value) need {@value #VALUE_DISTINCT}; two positions
   * at once only for such values. The first word of a short message names the event far more
   * often than not ("cupsd startup succeeded", "ntpd startup succeeded"): it is a parameter only
   * in messages of {@value #LONG_MESSAGE} tokens or more, or when it looks like a value. A merge
   * that would leave no constant token is not made.
   */
  private List<MinedPattern> family(List<MinedPattern> group, String[] tokens) {
    if (group.isEmpty()) {
      return null;
    }
    Map<Long, List<MinedPattern>> byPositions = null;
    for (MinedPattern p : group) {
      long positions = p.differences(tokens);
      if (positions < 0) {
        continue;
      }
      int first = (int) (positions & 0xffff);
      int second = (int) (positions >>> 16) - 1;
      boolean valueFirst = valueLike(p.tokens[first], tokens[first]);
      if (second >= 0 && !(valueFirst && valueLike(p.tokens[second], tokens[second]))) {
        continue;
      }
      if (first == 0 && tokens.length < LONG_MESSAGE && !valueFirst) {
        continue;
      }
      if (widerElsewhere(p.tokens, tokens, first, second)) {
        continue;
      }
      if (byPositions == null) {
        byPositions = new HashMap<>();
      }
      byPositions.computeIfAbsent(positions, k -> new ArrayList<>()).add(p);
    }
    if (byPositions == null) {
      return null;
    }
    for (Map.Entry<Long, List<MinedPattern>> e : byPositions.entrySet()) {
      long positions = e.getKey();
      int first = (int) (positions & 0xffff);
      int second = (int) (positions >>> 16) - 1;
      if (!enoughValues(e.getValue(), tokens, first) || (second >= 0 && !enoughValues(e.getValue(), tokens, second))) {
        continue;
      }
      int constants = 0;
      MinedPattern any = e.getValue().get(0);
      for (int i = 0; i < tokens.length; i++) {
        // Punctuation alone ("=", ":") names no event: <*> = <*> would take any assignment.
        if (i != first && i != second && !any.tokens[i].equals(TokenMasker.WILDCARD) && hasLetter(any.tokens[i])) {
          constants++;
        }
      }
      if (second < 0 && !widen(any.tokens[first], tokens[first]).equals(TokenMasker.WILDCARD)
          && sameCall(any.tokens[first], tokens[first])) {
        constants++; // the call's name stays
      }
      if (constants > 0) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * A pattern with bare wildcards where the tokens have words, outside the positions where they
   * differ, as many as the words they share: joining would turn the line's words into wildcards
   * too ({@code <*> : <*>} and {@code Proxy fe_http started.} share a length, not an event). A
   * pattern widened at one position of a long message still takes a second one.
   */
  private static boolean widerElsewhere(String[] pattern, String[] tokens, int first, int second) {
    int lost = 0;
    int kept = 0;
    for (int i = 0; i < tokens.length; i++) {
      if (i == first || i == second || tokens[i].equals(TokenMasker.WILDCARD) || tokens[i].startsWith(HIDDEN)) {
        continue;
      }
      if (pattern[i].equals(TokenMasker.WILDCARD)) {
        lost++;
      } else {
        kept++;
      }
    }
    return lost > 0 && lost >= kept;
  }

  private boolean enoughValues(List<MinedPattern> family, String[] tokens, int position) {
    Set<String> words = new HashSet<>();
    words.add(tokens[position]);
    boolean values = valueLike(tokens[position]);
    boolean calls = true;
    for (MinedPattern p : family) {
      words.add(p.tokens[position]);
      values &= valueLike(p.tokens[position]);
      calls &= sameCall(p.tokens[position], tokens[position]);
    }
    if (calls && words.size() >= 2) {
      return true; // setLightsOn(true), setLightsOn(false): the argument of one call
    }
    return words.size() >= (values ? Math.min(VALUE_DISTINCT, settings.distinctToGeneralize()) : settings.distinctToGeneralize());
  }

  /** Two words at one position that look like values of a parameter rather than event words. */
  static boolean valueLike(String a, String b) {
    if (sameCall(a, b)) {
      return true;
    }
    int eqA = a.indexOf('=');
    if (eqA > 0 && a.regionMatches(0, b, 0, eqA + 1)) {
      return true; // the same key=
    }
    return valueLike(a) && valueLike(b);
  }

  /**
   * The same call with another argument: {@code name(x)} and {@code name(y)}, the name at least
   * two letters, the same text after the closing bracket.
   */
  static boolean sameCall(String a, String b) {
    int open = a.indexOf('(');
    if (open < 2 || !Character.isLetter(a.charAt(open - 1)) || !a.regionMatches(0, b, 0, open + 1)) {
      return false;
    }
    int close = a.lastIndexOf(')');
    int closeB = b.lastIndexOf(')');
    return close > open && closeB > open && a.length() - close == b.length() - closeB
        && a.regionMatches(close, b, closeB, a.length() - close) && a.indexOf('(', open + 1) < 0;
  }

  /** An identifier-looking word; for key=value, its value. */
  private static boolean valueLike(String t) {
    int eq = t.indexOf('=');
    if (eq > 0 && eq < t.length() - 1) {
      t = t.substring(eq + 1);
    }
    int n = t.length();
    if (n == 0) {
      return false;
    }
    char c0 = t.charAt(0);
    if ((c0 == '"' || c0 == '\'') && n > 2) {
      return true;
    }
    int w = t.indexOf(TokenMasker.WILDCARD);
    if (w >= 2 && Character.isLetter(c0) && Character.isLetter(t.charAt(w - 2))) {
      return true; // a name with its number: "POOL(<*>)", "HikariPool-<*>", "resize_image[<*>]"
    }
    // All-capital words stay event words (LOOKING / FOLLOWING / LEADING are states, not values).
    for (int k = 0; k < n; k++) {
      char c = t.charAt(k);
      if (c == '_' || ((c == '.' || c == '-' || c == '/') && k > 0 && k < n - 1)) {
        return true;
      }
      if (Character.isUpperCase(c) && k > 0 && Character.isLowerCase(t.charAt(k - 1))) {
        return true; // camelCase
      }
    }
    return false;
  }

  /** Merges the family into its oldest member, generalized to cover the tokens too. */
  private MinedPattern merge(List<MinedPattern> group, List<MinedPattern> family, String[] tokens, List<Long> merged) {
    MinedPattern any = family.get(0);
    any.generalize(tokens);
    for (MinedPattern p : family) {
      any.generalize(p.tokens);
    }
    // Patterns the widened template now covers join too: they are the same event seen earlier.
    List<MinedPattern> all = new ArrayList<>(family);
    for (MinedPattern p : group) {
      if (!all.contains(p) && any.matches(p.tokens) >= 0) {
        all.add(p);
      }
    }
    family = all;
    MinedPattern survivor = Collections.min(family, (a, b) -> Long.compare(a.id, b.id));
    if (survivor != any) {
      survivor.retoken(any.tokens);
    }
    survivor.generalize(tokens);
    for (MinedPattern p : family) {
      if (p != survivor) {
        survivor.generalize(p.tokens);
        survivor.absorb(p, settings.maxExamples());
        p.mergedInto = survivor;
        decisions++;
        gone.add(p.id);
        dirty.remove(p.id);
        group.remove(p);
        live.remove(p.id);
        retired.put(p.id, survivor);
        merged.add(p.id);
      }
    }
    absorbStretched(survivor, merged);
    return absorbSpans(survivor);
  }

  /** A quoted or bracketed span of a message, and the message with the span as one slot. */
  private record Span(String key, String[] variant, String content, int length) {
  }

  /** Patterns that read the same with one span as a slot, and what that span held in each. */
  private static final class RunFamily {
    final List<MinedPattern> members = new ArrayList<>(4);
    final Set<String> contents = new HashSet<>();
    final Set<Integer> lengths = new HashSet<>();
  }

  private final Map<String, RunFamily> runs = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, RunFamily> eldest) {
      return size() > settings.maxPatterns();
    }
  };

  private static final int MAX_SPANS = 6;
  private static final int MAX_RUN_MEMBERS = 64;

  /**
   * Each quoted or bracketed span of the tokens ({@code "Mozilla/<*> (X11; Linux <*>)"},
   * {@code "bad state"}, {@code [a b c]}) replaced by one slot ({@code "<*>"}): a free-text value
   * has any number of words, and the slot stands for all of them.
   */
  static List<Span> spans(String[] tokens) {
    List<Span> out = null;
    for (int i = 0; i < tokens.length && (out == null || out.size() < MAX_SPANS); i++) {
      String t = tokens[i];
      int open = openerAt(t);
      if (open < 0) {
        continue;
      }
      char closer = closerOf(t.charAt(open));
      for (int j = i; j < tokens.length && j < i + 64; j++) {
        String u = tokens[j];
        int end = u.length();
        while (end > 0 && u.charAt(end - 1) != closer && ",;:.)]}>".indexOf(u.charAt(end - 1)) >= 0) {
          end--;
        }
        int from = j == i ? open + 1 : 0;
        if (end > from && u.charAt(end - 1) == closer) {
          String slot = t.substring(0, open + 1) + TokenMasker.WILDCARD + closer + u.substring(end);
          if (j == i && slot.equals(t)) {
            break;
          }
          String[] variant = new String[tokens.length - (j - i)];
          System.arraycopy(tokens, 0, variant, 0, i);
          variant[i] = slot;
          System.arraycopy(tokens, j + 1, variant, i + 1, tokens.length - j - 1);
          variant = collapseAt(variant, i);
          StringBuilder content = new StringBuilder();
          for (int k = i; k <= j; k++) {
            content.append(tokens[k]).append(' ');
          }
          if (out == null) {
            out = new ArrayList<>(2);
          }
          out.add(new Span(String.join(" ", variant) + "\u0001" + i, variant, content.toString(), j - i + 1));
          break;
        }
        if (j > i && openerAt(u) >= 0 && closerOf(u.charAt(openerAt(u))) == closer) {
          break; // another span opens before this one closes
        }
      }
    }
    Span error = errorText(tokens);
    if (error != null) {
      out = out == null ? new ArrayList<>(1) : out;
      out.add(0, error); // before a bracket span of the same length: the class and text are two slots
    }
    if (out == null) {
      return List.of();
    }
    // The innermost span first: the error text, not the whole object around it.
    out.sort((x, y) -> Integer.compare(x.length(), y.length()));
    return out;
  }

  /**
   * An exception's class and the text after it to the end of the message
   * ({@code java.io.IOException: timed out}) as a class slot and a text slot ({@code <*>: <*>}):
   * the text is free, of any length, and the class varies with it. Null when there is none.
   */
  private static Span errorText(String[] tokens) {
    for (int i = 0; i + 1 < tokens.length; i++) {
      String t = tokens[i];
      if (t.length() > 1 && (t.charAt(0) == '[' || t.charAt(0) == '(') && exceptionClass(t, 1)) {
        return bracketedErrorText(tokens, i);
      }
      if (exceptionClass(t, 0)) {
        String[] variant = Arrays.copyOf(tokens, i + 2);
        variant[i] = TokenMasker.WILDCARD + ":";
        variant[i + 1] = TokenMasker.WILDCARD;
        StringBuilder content = new StringBuilder();
        for (int k = i; k < tokens.length; k++) {
          content.append(tokens[k]).append(' ');
        }
        return new Span(String.join(" ", variant) + "\u0001" + i, variant, content.toString(), tokens.length - i);
      }
    }
    return null;
  }

  /** As {@link #errorText}, inside a bracket: {@code [java.io.IOException: timed out]} is {@code [<*>: <*>]}. */
  private static Span bracketedErrorText(String[] tokens, int i) {
    char closer = closerOf(tokens[i].charAt(0));
    for (int j = i + 1; j < tokens.length && j < i + 64; j++) {
      String u = tokens[j];
      int end = u.length();
      while (end > 0 && u.charAt(end - 1) != closer && ",;:.)]}>".indexOf(u.charAt(end - 1)) >= 0) {
        end--;
      }
      if (end > 1 && u.charAt(end - 1) == closer) {
        String[] variant = new String[tokens.length - (j - i) + 1];
        System.arraycopy(tokens, 0, variant, 0, i);
        variant[i] = tokens[i].charAt(0) + TokenMasker.WILDCARD + ":";
        variant[i + 1] = TokenMasker.WILDCARD + u.substring(end - 1);
        System.arraycopy(tokens, j + 1, variant, i + 2, tokens.length - j - 1);
        StringBuilder content = new StringBuilder();
        for (int k = i; k <= j; k++) {
          content.append(tokens[k]).append(' ');
        }
        return new Span(String.join(" ", variant) + "\u0001" + i, variant, content.toString(), j - i + 1);
      }
    }
    return null;
  }

  /** {@code java.io.IOException:}, {@code ValueError:}: a class name ending in Exception or Error, then a colon. */
  private static boolean exceptionClass(String t, int from) {
    int n = t.length() - 1;
    if (n - from < 6 || t.charAt(n) != ':' || !Character.isLetter(t.charAt(from))) {
      return false;
    }
    return t.startsWith("Exception", n - 9) || t.startsWith("Error", n - 5);
  }

  /**
   * The slot at {@code i} next to an equal slot is one: the masker reads repeated values as one
   * list ({@code "a" "b"} is {@code "<*>"}), and a slot must read the same way.
   */
  private static String[] collapseAt(String[] variant, int i) {
    int drop = -1;
    if (i > 0 && variant[i - 1].equals(variant[i])) {
      drop = i;
    } else if (i + 1 < variant.length && variant[i + 1].equals(variant[i])) {
      drop = i + 1;
    }
    if (drop < 0) {
      return variant;
    }
    String[] out = new String[variant.length - 1];
    System.arraycopy(variant, 0, out, 0, drop);
    System.arraycopy(variant, drop + 1, out, drop, variant.length - drop - 1);
    return out;
  }

  /** Where a span opens in the token: a leading quote or bracket, or a quote after {@code key=}; -1 for none. */
  private static int openerAt(String t) {
    if (t.isEmpty()) {
      return -1;
    }
    char c = t.charAt(0);
    if (c == '"' || c == '[' || c == '(' || c == '{' || c == '\'') {
      return 0;
    }
    int eq = t.indexOf('=');
    if (eq > 0 && eq + 1 < t.length() && (t.charAt(eq + 1) == '"' || t.charAt(eq + 1) == '\'')) {
      return eq + 1;
    }
    return -1;
  }

  private static char closerOf(char opener) {
    return switch (opener) {
      case '[' -> ']';
      case '(' -> ')';
      case '{' -> '}';
      default -> opener;
    };
  }

  /**
   * Once a template has a slot ({@code "<*>"}), the patterns made before it that it now covers
   * join it: those of its length whose token there is narrower ({@code "curl/<*>"}), and longer
   * ones whose quoted or bracketed span reads as the slot (a user agent of several words seen
   * before one-word agents widened the slot). Otherwise they keep taking their own lines, being
   * the closer fit.
   */
  private MinedPattern absorbSpans(MinedPattern s) {
    if (!hasSlot(s.tokens) || !hasConstant(s.tokens)) {
      return s;
    }
    List<MinedPattern> covered = null;
    for (MinedPattern q : live.values()) {
      if (q == s || q.mergedInto != null || q.tokens.length < s.tokens.length) {
        continue;
      }
      boolean covers = q.tokens.length == s.tokens.length && s.matches(q.tokens) >= 0;
      if (!covers && q.tokens.length > s.tokens.length) {
        for (Span span : spans(q.tokens)) {
          if (span.variant().length == s.tokens.length && s.matches(span.variant()) >= 0) {
            covers = true;
            break;
          }
        }
      }
      if (covers) {
        covered = covered == null ? new ArrayList<>(2) : covered;
        covered.add(q);
      }
    }
    if (covered == null) {
      return s;
    }
    // The oldest id survives with the slot's template: ids already handed out stay valid.
    covered.add(s);
    MinedPattern survivor = Collections.min(covered, (a, b) -> Long.compare(a.id, b.id));
    String[] template = s.tokens;
    for (MinedPattern q : covered) {
      removeFromGroup(q);
      if (q != survivor) {
        survivor.absorb(q, settings.maxExamples());
        retire(q, survivor);
      }
    }
    survivor.retoken(template);
    groups.computeIfAbsent(groupKey(template), k -> new ArrayList<>()).add(survivor);
    return survivor;
  }

  private static boolean hasSlot(String[] tokens) {
    for (String t : tokens) {
      if (t.length() > TokenMasker.WILDCARD.length() && t.contains(TokenMasker.WILDCARD) && openerAt(t) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * A pattern one token shorter whose wildcard between constants takes two words here: a value
   * of one or two words ({@code Reached target Sound Card Target.} under
   * {@code Reached target <*> Target.}). Only a pattern with two or more constants on each side
   * together, and only when exactly one pattern and one place fit.
   */
  private MinedPattern stretchMatch(String[] tokens) {
    List<MinedPattern> shorter = groups.get(tokens.length - 1);
    if (shorter == null || tokens.length < 4) {
      return null;
    }
    MinedPattern found = null;
    for (MinedPattern q : shorter) {
      if (stretches(q.tokens, tokens)) {
        if (found != null) {
          return null;
        }
        found = q;
      }
    }
    return found;
  }

  private static boolean stretches(String[] t, String[] tokens) {
    if (tokens.length != t.length + 1) {
      return false;
    }
    int constants = 0;
    for (String x : t) {
      if (!x.contains(TokenMasker.WILDCARD) && !x.startsWith(HIDDEN)) {
        constants++;
      }
    }
    if (constants < 2) {
      return false;
    }
    int fits = 0;
    for (int k = 0; k < t.length && fits < 2; k++) {
      if (t[k].equals(TokenMasker.WILDCARD) && isWord(tokens[k]) && isWord(tokens[k + 1])
          && sameAt(t, 0, tokens, 0, k) && sameAt(t, k + 1, tokens, k + 2, t.length - k - 1)) {
        fits++;
      }
    }
    return fits == 1;
  }

  /** Once a position is a wildcard, the patterns with a two-word value there join it. */
  private void absorbStretched(MinedPattern s, List<Long> merged) {
    List<MinedPattern> longer = groups.get(s.tokens.length + 1);
    if (longer == null) {
      return;
    }
    for (MinedPattern q : new ArrayList<>(longer)) {
      if (q != s && q.mergedInto == null && stretches(s.tokens, q.tokens)) {
        removeFromGroup(q);
        s.absorb(q, settings.maxExamples());
        retire(q, s);
        pendingMerged.remove(q.id);
        merged.add(q.id);
      }
    }
  }

  private static boolean sameAt(String[] template, int from, String[] tokens, int at, int n) {
    for (int i = 0; i < n; i++) {
      String t = template[from + i];
      String x = tokens[at + i];
      if (!t.equals(x) && !t.equals(TokenMasker.WILDCARD) && !covers(t, x)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasLetter(String t) {
    for (int k = 0; k < t.length(); k++) {
      if (Character.isLetter(t.charAt(k))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWord(String t) {
    if (t.isEmpty() || t.startsWith(HIDDEN) || t.contains(TokenMasker.WILDCARD)) {
      return false;
    }
    for (int k = 0; k < t.length(); k++) {
      if (!Character.isLetter(t.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /** A pattern that has a slot where the tokens have a quoted or bracketed span. */
  private MinedPattern runMatch(List<Span> spans) {
    for (Span s : spans) {
      List<MinedPattern> group = groups.get(groupKey(s.variant()));
      MinedPattern q = group == null ? null : bestMatch(group, s.variant());
      if (q != null) {
        return q;
      }
    }
    return null;
  }

  /**
   * A new pattern joins the patterns that read the same but for one quoted or bracketed span once
   * that span has held {@value #VALUE_DISTINCT} different texts of at least two lengths: a user
   * agent, an error text, a list. Texts of one length are left to the position-wise merge (the
   * words there may name the event, as a request method does). Returns the survivor, or null.
   */
  private MinedPattern runMerge(MinedPattern p, List<Span> spans, boolean fresh) {
    for (Span s : spans) {
      RunFamily f = runs.computeIfAbsent(s.key(), k -> new RunFamily());
      if (f.members.size() >= MAX_RUN_MEMBERS) {
        f.members.removeIf(m -> resolve(m) != m); // merged or evicted: bounded memory on long runs
      }
      if (f.members.size() < MAX_RUN_MEMBERS) {
        f.members.add(p);
      }
      if (f.contents.size() < VALUE_DISTINCT) {
        f.contents.add(s.content());
      }
      f.lengths.add(s.length());
      if (f.contents.size() < VALUE_DISTINCT || f.lengths.size() < 2 || !hasConstant(s.variant())) {
        continue;
      }
      List<MinedPattern> members = new ArrayList<>();
      for (MinedPattern m : f.members) {
        MinedPattern r = resolve(m);
        if (r != null && !members.contains(r)) {
          members.add(r);
        }
      }
      List<MinedPattern> slotGroup = groups.computeIfAbsent(groupKey(s.variant()), k -> new ArrayList<>());
      MinedPattern existing = bestMatch(slotGroup, s.variant());
      if (existing != null && !members.contains(existing)) {
        members.add(existing);
      }
      MinedPattern survivor = Collections.min(members, (a, b) -> Long.compare(a.id, b.id));
      removeFromGroup(survivor);
      survivor.retoken(s.variant());
      slotGroup = groups.computeIfAbsent(groupKey(s.variant()), k -> new ArrayList<>());
      if (!slotGroup.contains(survivor)) {
        slotGroup.add(survivor);
      }
      for (MinedPattern m : members) {
        if (m != survivor) {
          removeFromGroup(m);
          survivor.absorb(m, settings.maxExamples());
          retire(m, survivor);
          if (m == p && fresh) {
            // never reported: the line is counted on the survivor
            pendingMerged.remove(m.id);
            gone.remove(m.id);
          }
        }
      }
      f.members.clear();
      f.members.add(survivor);
      byKey.put(String.join(" ", s.variant()), survivor);
      return absorbSpans(survivor);
    }
    return null;
  }

  /**
   * A template token with a constant prefix around its wildcard ({@code key=<*>}, {@code "<*>"},
   * {@code [<*>:}, {@code blk_<*>}, {@code <*>.}) covers any token with that prefix and suffix.
   */
  static boolean covers(String template, String token) {
    int w = template.indexOf(TokenMasker.WILDCARD);
    if (w < 0 || token.startsWith(HIDDEN) || template.startsWith(HIDDEN)) {
      return false;
    }
    int suffix = template.length() - w - TokenMasker.WILDCARD.length();
    if (w == 0 && suffix == 0) {
      return true;
    }
    return token.length() > w + suffix && token.regionMatches(0, template, 0, w)
        && token.regionMatches(token.length() - suffix, template, template.length() - suffix, suffix);
  }

  /**
   * The widest token covering both: the wildcard keeps what they share of a {@code key=} or of
   * opening brackets and quotes before it, and of closing punctuation after it, so a merge does
   * not lose {@code queue=} or the brackets around a value.
   */
  static String widen(String a, String b) {
    if (a.startsWith(HIDDEN) || b.startsWith(HIDDEN)) {
      return TokenMasker.WILDCARD;
    }
    int w = a.indexOf(TokenMasker.WILDCARD);
    int aEnd = w >= 0 ? w : a.length();
    int p = 0;
    int limit = Math.min(aEnd, b.length());
    while (p < limit && a.charAt(p) == b.charAt(p)) {
      p++;
    }
    // Keep the shared prefix only up to a key's '=' or through leading brackets and quotes.
    int keep = 0;
    if (sameCall(a, b)) {
      return a.substring(0, a.indexOf('(') + 1) + TokenMasker.WILDCARD + a.substring(a.lastIndexOf(')'));
    }
    int eq = a.lastIndexOf('=', p - 1);
    if (eq > 0 && eq < p) {
      keep = eq + 1;
    }
    while (keep < p && "([{<'\"`".indexOf(a.charAt(keep)) >= 0) {
      keep++;
    }
    int aStart = w >= 0 ? w + TokenMasker.WILDCARD.length() : keep;
    int s = 0;
    while (s < a.length() - aStart && s < b.length() - keep && a.charAt(a.length() - 1 - s) == b.charAt(b.length() - 1 - s)
        && ")]}>'\"`,;:.!?".indexOf(a.charAt(a.length() - 1 - s)) >= 0) {
      s++;
    }
    s = Math.max(s, bracketSuffix(a, b, Math.max(keep, aEnd == a.length() ? keep : 0)));
    if (keep == 0) {
      return s == 0 ? TokenMasker.WILDCARD : TokenMasker.WILDCARD + a.substring(a.length() - s);
    }
    return a.substring(0, keep) + TokenMasker.WILDCARD + a.substring(a.length() - s);
  }

  /**
   * The length of a bracketed parameter both tokens end with ({@code [<*>]}, {@code (<*>),}) after
   * a name that differs: {@code POOL(<*>)} and {@code LOCAL(<*>)} widen to {@code <*>(<*>)}, keeping
   * the second parameter instead of leaving a closer without its opener. 0 when there is none.
   */
  private static int bracketSuffix(String a, String b, int keep) {
    int s = 0;
    while (s < a.length() - keep && s < b.length() - keep && a.charAt(a.length() - 1 - s) == b.charAt(b.length() - 1 - s)) {
      s++;
    }
    for (int k = a.length() - s; k < a.length(); k++) {
      char open = a.charAt(k);
      if (open != '(' && open != '[' && open != '{') {
        continue;
      }
      int close = a.indexOf(closerOf(open), k);
      if (close > 0 && a.indexOf(TokenMasker.WILDCARD, k) > k && a.indexOf(TokenMasker.WILDCARD, k) < close
          && k > 0 && k > keep) {
        for (int r = close + 1; r < a.length(); r++) {
          if (")]}>'\"`,;:.!?".indexOf(a.charAt(r)) < 0) {
            return 0;
          }
        }
        return a.length() - k;
      }
      return 0;
    }
    return 0;
  }

  private static boolean hasConstant(String[] tokens) {
    for (String t : tokens) {
      if (!t.equals(TokenMasker.WILDCARD) && !t.startsWith(HIDDEN)) {
        return true;
      }
    }
    return false;
  }

  private void evictBeyondLimit() {
    while (live.size() > settings.maxPatterns()) {
      Iterator<MinedPattern> eldest = live.values().iterator();
      MinedPattern p = eldest.next();
      eldest.remove();
      p.evicted = true;
      decisions++;
      gone.add(p.id);
      dirty.remove(p.id);
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
    String[] tokens;
    String template;
    /** The raw line that created the pattern (null when mined from a message alone). */
    String firstRaw;
    int layoutVersion;
    long count;
    Instant firstSeen;
    Instant lastSeen;
    final long[] levels = new long[LogLevels.ALL.size() + 1];
    final List<String> examples = new ArrayList<>(3);
    MinedPattern mergedInto;
    boolean evicted;
    /** Made beside a pattern that differs in a word or two: its lines wait until it joins one or stands alone. */
    boolean probation;

    /**
     * Per position, the raw text every line so far had under a masked token (null when unknown,
     * {@link #VARIED} once two lines differed), and how many lines were compared.
     */
    String[] constants;
    int observed;
    /**
     * Whether the template ever took more than its first line said (a merge, a slot): a relayout
     * then keeps it as long as it still matches, else a line read with a header left in (a long
     * token masked whole) takes the narrower template of its new split.
     */
    boolean widened;

    MinedPattern(long id, String[] tokens) {
      this.id = id;
      this.tokens = tokens.clone();
      this.template = join(this.tokens);
    }

    /** The template with its constants shown; null when it must be built again. */
    private String shown;

    String template() {
      boolean showConstants = observed >= CONSTANT_AFTER && constants != null;
      if (!showConstants && noteLines == null) {
        return template;
      }
      if (shown != null) {
        return shown;
      }
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < tokens.length; i++) {
        String t = tokens[i];
        if (t.startsWith(HIDDEN)) {
          continue;
        }
        if (b.length() > 0) {
          b.append(' ');
        }
        String c = showConstants ? constants[i] : null;
        b.append(c != null && c != VARIED && t.contains(TokenMasker.WILDCARD) && wordWithDigits(c) ? c : t);
        if (showsNote(i)) {
          b.append(' ').append(NOTE);
        }
      }
      shown = b.toString();
      return shown;
    }

    /**
     * Lines seen, and per position how many had a restated quantity after it: it is shown as a
     * value ({@code bytes (<*>) sent}) when most lines had it, though matching ignores it.
     */
    private int[] noteLines;
    private int noteSeen;

    void observeNotes(boolean[] notes) {
      if (++noteSeen == 1 << 30) {
        noteSeen >>= 1; // a long-lived pattern: halve the counts, the majority stays
        for (int i = 0; noteLines != null && i < noteLines.length; i++) {
          noteLines[i] >>= 1;
        }
      }
      if (notes == null && noteLines == null) {
        return; // no line of this pattern had one yet
      }
      if (noteLines == null || noteLines.length != tokens.length) {
        noteLines = new int[tokens.length];
        shown = null;
      }
      for (int i = 0; i < noteLines.length; i++) {
        boolean before = noteLines[i] * 2 > noteSeen - 1;
        if (notes != null && i < notes.length && notes[i]) {
          noteLines[i]++;
        }
        if (before != noteLines[i] * 2 > noteSeen) {
          shown = null;
        }
      }
    }

    /** A restored template's notes, as if each of its lines had them. */
    void restoreNotes(boolean[] at, long lines) {
      noteSeen = (int) Math.max(1, Math.min(lines, 1 << 29));
      noteLines = new int[tokens.length];
      for (int i = 0; i < tokens.length; i++) {
        noteLines[i] = at[i] ? noteSeen : 0;
      }
      shown = null;
    }

    private boolean showsNote(int i) {
      return noteLines != null && i < noteLines.length && noteLines[i] * 2 > noteSeen;
    }

    /**
     * A constant worth showing: a word with digits ({@code HTTP/1.1}, {@code ssh2}, {@code Layer4}).
     * Numbers, addresses and hex stay masked even when every line so far had the same one: a
     * single client or port is still a parameter.
     */
    private static boolean wordWithDigits(String raw) {
      int letters = 0;
      boolean hexOnly = true;
      for (int k = 0; k < raw.length(); k++) {
        char c = raw.charAt(k);
        if (Character.isLetter(c)) {
          letters++;
          hexOnly &= (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == 'x' || c == 'X';
        }
      }
      return letters >= 2 && !hexOnly;
    }

    /** Compares the raw text under each masked token with what earlier lines had there. */
    void observe(String[] rawOf) {
      if (constants == null) {
        constants = new String[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
          constants[i] = i < rawOf.length && rawOf[i] != null ? rawOf[i] : VARIED;
        }
      } else {
        for (int i = 0; i < tokens.length; i++) {
          String r = i < rawOf.length ? rawOf[i] : null;
          if (constants[i] != VARIED && (r == null || !r.equals(constants[i]))) {
            constants[i] = VARIED;
            shown = null;
          }
        }
      }
      observed++;
    }

    /** After the positions changed (a relayout, a slot), constants are counted afresh. */
    void forgetConstants() {
      constants = null;
      observed = 0;
      noteLines = null;
      noteSeen = 0;
      shown = null;
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
          if (!covers(tokens[i], other[i])) {
            return -1;
          }
          wildcards++;
        }
      }
      return wildcards;
    }

    /**
     * Whether the tokens differ from the template in a third of the positions at most (two at
     * least), sharing a word with letters: a value of the same event not generalized yet, or a
     * neighbouring event.
     */
    boolean near(String[] other) {
      if (other.length != tokens.length) {
        return false;
      }
      int differ = 0;
      boolean shared = false;
      for (int i = 0; i < tokens.length; i++) {
        if (tokens[i].equals(other[i])) {
          shared |= hasLetter(tokens[i]) && !tokens[i].startsWith(HIDDEN);
        } else if (!tokens[i].equals(TokenMasker.WILDCARD) && !covers(tokens[i], other[i])
            && !(tokens[i].contains(TokenMasker.WILDCARD) && other[i].contains(TokenMasker.WILDCARD))) {
          differ++; // two values that differ only in the fixed name kept around them (INV-<*>, ORD-<*>) do not count
        }
      }
      return shared && differ > 0 && differ <= Math.max(2, tokens.length / 3);
    }

    /**
     * The one or two positions where the template has another word than the tokens, packed as
     * {@code first | (second + 1) << 16} (second + 1 is 0 when there is one); -1 when there are
     * none, more than two, or the lengths differ.
     */
    long differences(String[] other) {
      if (other.length != tokens.length) {
        return -1;
      }
      int first = -1;
      int second = -1;
      for (int i = 0; i < tokens.length; i++) {
        if (!tokens[i].equals(other[i]) && !tokens[i].equals(TokenMasker.WILDCARD) && !covers(tokens[i], other[i])) {
          if (first < 0) {
            first = i;
          } else if (second < 0) {
            second = i;
          } else {
            return -1;
          }
        }
      }
      if (first < 0 || (tokens.length < 2 && !sameCall(tokens[first], other[first])) || (second >= 0 && tokens.length < 4)) {
        return -1;
      }
      return first | ((long) (second + 1) << 16);
    }

    void retoken(String[] other) {
      widened = true;
      if (other.length != tokens.length) {
        forgetConstants();
      }
      tokens = other.clone();
      template = join(tokens);
      shown = null;
    }

    void generalize(String[] other) {
      boolean changed = false;
      for (int i = 0; i < tokens.length; i++) {
        if (!tokens[i].equals(other[i]) && !tokens[i].equals(TokenMasker.WILDCARD) && !covers(tokens[i], other[i])) {
          tokens[i] = widen(tokens[i], other[i]);
          widened = true;
          if (constants != null) {
            constants[i] = VARIED;
          }
          changed = true;
        }
      }
      if (changed) {
        template = join(tokens);
        shown = null;
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
      if (constants != null && other.constants != null && other.constants.length == constants.length) {
        for (int i = 0; i < constants.length; i++) {
          if (!constants[i].equals(other.constants[i])) {
            constants[i] = VARIED;
          }
        }
        observed += other.observed;
        shown = null;
      } else if (other.observed > 0) {
        forgetConstants();
      }
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
      return new PatternSnapshot(id, template(), count, firstSeen, lastSeen, Collections.unmodifiableMap(byLevel),
          List.copyOf(examples));
    }
  }
}
