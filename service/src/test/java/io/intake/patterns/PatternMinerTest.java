package io.intake.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatternMinerTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
  private final PatternMiner miner = new PatternMiner(MinerSettings.DEFAULTS, clock);

  @Test
  void same_event_same_pattern_with_variables_masked() {
    MineResult a = miner.mine("Dec 10 06:55:46 LabSZ sshd[24200]: Connection closed by 5.188.10.180 [preauth]");
    MineResult b = miner.mine("Dec 10 07:01:12 LabSZ sshd[24871]: Connection closed by 183.62.140.253 [preauth]");

    assertThat(a.newPattern()).isTrue();
    assertThat(b.newPattern()).isFalse();
    assertThat(b.patternId()).isEqualTo(a.patternId());
    assertThat(b.template()).isEqualTo("Connection closed by <*> [preauth]");
    assertThat(b.message()).isEqualTo("Connection closed by 183.62.140.253 [preauth]");
  }

  @Test
  void a_masked_word_with_digits_that_never_varies_shows_in_the_template_and_survives_a_restore() {
    MineResult last = null;
    for (int i = 0; i < 6; i++) {
      last = miner.mine("Dec 10 06:55:" + (40 + i) + " LabSZ sshd[" + (24200 + i) + "]: Accepted password for u" + i
          + " from 10.0.0.1 port " + (5000 + i) + " ssh2");
    }
    // ssh2 was the same on every line: a constant; the one address is still a parameter.
    assertThat(last.template()).isEqualTo("Accepted password for <*> from <*> port <*> ssh2");
    MineResult fewer = new PatternMiner(MinerSettings.DEFAULTS, clock)
        .mine("Dec 10 06:55:40 LabSZ sshd[24200]: Accepted password for u0 from 10.0.0.1 port 5000 ssh2");
    assertThat(fewer.template()).isEqualTo("Accepted password for <*> from <*> port <*> <*>"); // not yet seen constant

    PatternMiner restarted = new PatternMiner(MinerSettings.DEFAULTS, clock);
    restarted.restore(miner.pattern(last.patternId()).orElseThrow());
    MineResult again = restarted.mine("Dec 10 07:00:00 LabSZ sshd[25000]: Accepted password for u9 from 10.0.0.2 port 6000 ssh2");
    assertThat(again.patternId()).isEqualTo(last.patternId());
    assertThat(again.newPattern()).isFalse();
  }

  @Test
  void a_restated_quantity_shows_in_the_template_when_most_lines_have_it_and_survives_a_restore() {
    MineResult last = null;
    for (int i = 0; i < 5; i++) {
      String note = i == 2 ? "" : " (" + i + ".5 KB)";
      last = miner.mine("close, " + (1500 + i) + " bytes" + note + " sent, lifetime 00:0" + i);
    }
    // Lines with and without the note are one event; the template shows it, as most lines had it.
    assertThat(last.template()).isEqualTo("close, <*> bytes (<*>) sent, lifetime <*>");
    PatternMiner restarted = new PatternMiner(MinerSettings.DEFAULTS, clock);
    restarted.restore(miner.pattern(last.patternId()).orElseThrow());
    MineResult with = restarted.mine("close, 9000 bytes (8.8 KB) sent, lifetime 00:09");
    MineResult without = restarted.mine("close, 0 bytes sent, lifetime <1 sec");
    assertThat(with.patternId()).isEqualTo(last.patternId());
    assertThat(without.patternId()).isEqualTo(last.patternId());
    assertThat(without.newPattern()).isFalse();
    assertThat(without.template()).isEqualTo(last.template());

    MineResult rare = miner.mine("open, 12 bytes sent, lifetime 00:01");
    for (int i = 0; i < 3; i++) {
      rare = miner.mine("open, " + i + " bytes sent, lifetime 00:0" + i);
    }
    rare = miner.mine("open, 7 bytes (7 B) sent, lifetime 00:07");
    assertThat(rare.template()).isEqualTo("open, <*> bytes sent, lifetime <*>"); // one line in five
  }

  @Test
  void early_lines_that_differ_only_by_a_level_word_in_the_message_get_one_id_at_once() {
    // logrus: no layout yet, so level= is read as part of the message of the first lines.
    MineResult first = miner.mine("time=\"2024-06-09T08:20:55.475Z\" level=info msg=\"cache miss\" key=india");
    MineResult second = miner.mine("time=\"2024-10-01T16:39:34.077Z\" level=debug msg=\"cache miss\" key=india");
    MineResult third = miner.mine("time=\"2024-10-01T16:39:35.077Z\" level=warning msg=\"cache miss\" key=india");
    MineResult other = miner.mine("time=\"2024-10-01T16:39:36.077Z\" level=warning msg=\"cache hit\" key=india");

    assertThat(second.patternId()).isEqualTo(first.patternId());
    assertThat(third.patternId()).isEqualTo(first.patternId());
    assertThat(other.patternId()).isNotEqualTo(first.patternId());
  }

  @Test
  void early_lines_whose_unlearned_header_field_differs_get_one_id_at_once() {
    // zap console: the caller field is learned into the layout only after some lines; before, it
    // is read as a message word and differs between lines of one event.
    MineResult first = miner.mine("2024-03-09T19:13:51.843Z\tWARN\tstore/pg.go:307\tlistening\t{\"addr\": \"73.187.215.89:45109\"}");
    MineResult second = miner.mine("2024-01-19T18:46:51.194Z\tERROR\tapi/handler.go:143\tlistening\t{\"addr\": \"28.114.222.216:7111\"}");
    MineResult third = miner.mine("2024-01-19T18:47:51.194Z\tINFO\tserver/main.go:97\tlistening\t{\"addr\": \"28.114.222.217:7112\"}");
    MineResult other = miner.mine("2024-01-19T18:48:51.194Z\tINFO\tserver/main.go:97\tshutdown complete");

    assertThat(second.patternId()).isEqualTo(first.patternId());
    assertThat(third.patternId()).isEqualTo(first.patternId());
    assertThat(other.patternId()).isNotEqualTo(first.patternId());
  }

  @Test
  void two_formats_in_one_stream_each_keep_their_own_header() {
    // log4j's layout fits a Python logging line loosely (its "-" in the level slot); the Python
    // lines still teach their own, longer layout.
    MineResult last = null;
    for (int i = 0; i < 40; i++) {
      miner.mine("2024-01-0" + (1 + i % 9) + " 10:00:" + (10 + i) + ",123 " + (i % 2 == 0 ? "INFO " : "WARN ")
          + " [main] com.example.Pool - Pool stats total=" + i);
      String prefix = "2024-01-0" + (1 + i % 9) + " 11:00:" + (10 + i) + ",456 - app.db - " + (i % 3 == 0 ? "ERROR" : "INFO");
      miner.mine(prefix + " - Loaded " + i + " rows from t" + (i % 5));
      last = miner.mine(prefix + " - Worker w" + (i % 7) + " exited with code " + (i % 4 - 2));
    }
    assertThat(last.message()).startsWith("Worker ");
    assertThat(last.template()).isEqualTo("Worker <*> exited with code <*>");
  }

  @Test
  void wildcards_that_would_take_the_words_of_a_line_make_no_merge() {
    miner.mine("12 : 34");
    miner.mine("Proxy fe_http started.");
    miner.mine("Proxy fe_api started.");
    MineResult third = miner.mine("Proxy fe_https started.");
    assertThat(third.template()).isEqualTo("Proxy <*> started.");
    assertThat(miner.patterns()).extracting(PatternSnapshot::template).contains("<*> : <*>");
  }

  @Test
  void different_events_different_patterns() {
    long closed = miner.mine("2015-07-29 19:04:29,071 - WARN  [SendWorker:1:QuorumCnxManager$SendWorker@688] - Send worker leaving thread").patternId();
    long interrupted = miner.mine("2015-07-29 19:04:29,079 - WARN  [SendWorker:1:QuorumCnxManager$SendWorker@679] - Interrupted while waiting for message on queue").patternId();
    long again = miner.mine("2015-07-29 19:13:17,524 - WARN  [SendWorker:2:QuorumCnxManager$SendWorker@688] - Send worker leaving thread").patternId();

    assertThat(interrupted).isNotEqualTo(closed);
    assertThat(again).isEqualTo(closed);
    assertThat(miner.size()).isEqualTo(2);
  }

  @Test
  void returns_the_header_fields() {
    MineResult r = miner.mine("2015-10-18 18:01:47,978 ERROR [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Error starting MRAppMaster");

    assertThat(r.header().timestamp()).isEqualTo(Instant.parse("2015-10-18T18:01:47.978Z"));
    assertThat(r.header().level()).isEqualTo("ERROR");
    assertThat(r.header().thread()).isEqualTo("main");
    assertThat(r.header().component()).isEqualTo("org.apache.hadoop.mapreduce.v2.app.MRAppMaster");
    assertThat(r.message()).isEqualTo("Error starting MRAppMaster");

    MineResult syslog = miner.mine("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown");
    assertThat(syslog.header().host()).isEqualTo("combo");
    assertThat(syslog.header().component()).isEqualTo("sshd(pam_unix)");
    assertThat(syslog.header().pid()).isEqualTo(19939L);
    assertThat(syslog.header().timestamp()).isEqualTo(Instant.parse("2026-06-14T15:16:01Z")); // year from the clock
    assertThat(syslog.header().level()).isNull();
  }

  @Test
  void structured_events_bring_their_own_level() {
    MineResult r = miner.mine("Disk /dev/sda1 is 91% full", "warning", "storage-api");
    MineResult s = miner.mine("Disk /dev/sdb2 is 97% full", "E");

    assertThat(r.header().level()).isEqualTo("WARN");
    assertThat(r.header().component()).isEqualTo("storage-api");
    assertThat(r.header().timestamp()).isNull();
    assertThat(s.header().level()).isEqualTo("ERROR");
    assertThat(s.patternId()).isEqualTo(r.patternId());
    assertThat(s.template()).isEqualTo("Disk <*> is <*>% full");
    assertThat(miner.mine("Disk /dev/sdc is 12% full", "no-such-level").header().level()).isNull();
  }

  @Test
  void keeps_count_times_levels_and_three_examples() {
    String[] lines = {
        "2024-05-01 10:00:00 INFO worker: job 17 finished in 120 ms",
        "2024-05-01 10:00:05 INFO worker: job 18 finished in 95 ms",
        "2024-05-01 09:59:00 WARN worker: job 19 finished in 4100 ms",
        "2024-05-01 10:02:00 INFO worker: job 20 finished in 80 ms",
        "2024-05-01 10:01:00 INFO worker: job 17 finished in 120 ms",
    };
    long id = 0;
    for (String line : lines) {
      id = miner.mine(line).patternId();
    }
    miner.mine("job 21 finished in 3 ms", null);

    PatternSnapshot p = miner.pattern(id).orElseThrow();
    assertThat(p.count()).isEqualTo(6);
    assertThat(p.template()).isEqualTo("job <*> finished in <*> ms");
    assertThat(p.firstSeen()).isEqualTo(Instant.parse("2024-05-01T09:59:00Z"));
    assertThat(p.lastSeen()).isEqualTo(clock.instant()); // the last line had no timestamp of its own
    assertThat(p.levels()).containsEntry("INFO", 4L).containsEntry("WARN", 1L).containsEntry("NONE", 1L);
    assertThat(p.examples()).containsExactly(lines[0], lines[1], lines[2]);
    assertThat(miner.patterns()).extracting(PatternSnapshot::id).containsExactly(id);
  }

  @Test
  void a_position_with_many_different_words_becomes_a_parameter_and_ids_stay() {
    List<MineResult> results = new ArrayList<>();
    for (String user : List.of("root", "admin", "oracle", "git", "mysql", "ftp")) {
      results.add(miner.mine("Dec 10 09:14:59 LabSZ sshd[24553]: Failed password for " + user
          + " from 187.141.143.180 port 35172 ssh2"));
    }
    long first = results.get(0).patternId();
    // Four different words are still four events; the fifth shows the position is a parameter.
    assertThat(results.subList(0, 4)).extracting(MineResult::newPattern).containsOnly(true);
    MineResult fifth = results.get(4);
    assertThat(fifth.patternId()).isEqualTo(first);
    assertThat(fifth.newPattern()).isFalse();
    assertThat(fifth.mergedIds()).containsExactlyInAnyOrder(
        results.get(1).patternId(), results.get(2).patternId(), results.get(3).patternId());
    // ssh2 was the same on all five lines: shown as the constant it is.
    assertThat(fifth.template()).isEqualTo("Failed password for <*> from <*> port <*> ssh2");
    assertThat(results.get(5).patternId()).isEqualTo(first);
    assertThat(results.get(5).mergedIds()).isEmpty();
    for (MineResult r : results) {
      assertThat(miner.canonicalId(r.patternId())).isEqualTo(first);
    }
    assertThat(miner.pattern(results.get(2).patternId()).orElseThrow().id()).isEqualTo(first);
    assertThat(miner.pattern(first).orElseThrow().count()).isEqualTo(6);
    assertThat(miner.size()).isEqualTo(1);
  }

  @Test
  void a_few_different_words_stay_different_events() {
    long looking = miner.mine("peer state changed to LOOKING", null).patternId();
    long following = miner.mine("peer state changed to FOLLOWING", null).patternId();
    long leading = miner.mine("peer state changed to LEADING", null).patternId();
    assertThat(List.of(looking, following, leading)).doesNotHaveDuplicates();
    assertThat(miner.mine("peer state changed to FOLLOWING", null).patternId()).isEqualTo(following);
    // The first word is never generalized: it names the event.
    long[] daemons = {
        miner.mine("cupsd startup succeeded", null).patternId(),
        miner.mine("sshd startup succeeded", null).patternId(),
        miner.mine("crond startup succeeded", null).patternId(),
        miner.mine("ntpd startup succeeded", null).patternId(),
        miner.mine("named startup succeeded", null).patternId(),
        miner.mine("xinetd startup succeeded", null).patternId(),
    };
    assertThat(daemons).doesNotHaveDuplicates();
  }

  @Test
  void pattern_count_is_bounded_and_the_least_recently_seen_goes() {
    PatternMiner small = new PatternMiner(MinerSettings.DEFAULTS.withMaxPatterns(3), clock);
    long kept = small.mine("cache warmed up", null).patternId();
    long firstEvent = small.mine("eventa happened", null).patternId();
    for (char c = 'b'; c <= 'z'; c++) {
      small.mine("event" + c + " happened", null);
      small.mine("cache warmed up", null);
      assertThat(small.size()).isLessThanOrEqualTo(3);
    }
    assertThat(small.pattern(kept)).isPresent();
    assertThat(small.pattern(firstEvent)).isEmpty();
    assertThat(small.patterns()).extracting(PatternSnapshot::template)
        .containsExactly("cache warmed up", "eventy happened", "eventz happened");
    // An evicted event that comes back is a new pattern with a new id.
    MineResult again = small.mine("eventa happened", null);
    assertThat(again.newPattern()).isTrue();
    assertThat(again.patternId()).isGreaterThan(firstEvent);
  }

  @Test
  void empty_and_null_lines_are_one_pattern() {
    MineResult a = miner.mine("");
    MineResult b = miner.mine((String) null);
    assertThat(b.patternId()).isEqualTo(a.patternId());
    assertThat(a.template()).isEmpty();
    assertThat(a.header()).isEqualTo(LogHeader.EMPTY);
  }

  @Test
  void a_quoted_free_text_of_any_length_is_one_slot() {
    List<Long> ids = new ArrayList<>();
    for (String agent : List.of("curl/7.68.0", "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "python-requests/2.31.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36")) {
      ids.add(miner.mine("request GET /index.html answered 200 for agent \"" + agent + "\"", "info").patternId());
    }
    long last = miner.mine("request GET /index.html answered 404 for agent \"Wget/1.21 (linux gnu)\"", "info").patternId();

    assertThat(ids.stream().map(miner::canonicalId).distinct()).hasSize(1);
    assertThat(last).isEqualTo(miner.canonicalId(ids.get(0)));
    assertThat(miner.pattern(last).orElseThrow().template()).isEqualTo("request GET /index.html answered <*> for agent \"<*>\"");
  }

  @Test
  void an_error_text_after_an_exception_class_is_one_slot() {
    List<Long> ids = new ArrayList<>();
    for (String error : List.of("java.lang.IllegalStateException: bad state", "java.io.IOException: timed out",
        "org.example.HttpRequestMethodNotSupportedException: Request method not supported",
        "java.io.IOException: stream closed")) {
      ids.add(miner.mine("Lost task 3.0 in stage 7.0 (TID 12): " + error, "warn").patternId());
    }
    long other = miner.mine("Lost task 3.0 in stage 7.0 (TID 12) after retry", "warn").patternId();

    assertThat(ids.stream().map(miner::canonicalId).distinct()).hasSize(1);
    assertThat(miner.pattern(ids.get(0)).orElseThrow().template()).isEqualTo("Lost task <*> in stage <*> (TID <*>): <*>: <*>");
    assertThat(other).isNotEqualTo(miner.canonicalId(ids.get(0)));
  }

  @Test
  void a_bracketed_error_text_keeps_its_class_and_text_apart() {
    long id = 0;
    for (String error : List.of("java.util.concurrent.TimeoutException: bad state", "java.io.IOException: timed out",
        "org.example.HttpRequestMethodNotSupportedException: Request method not supported")) {
      id = miner.mine("Resolved [" + error + "]", "warn").patternId();
    }

    assertThat(miner.size()).isEqualTo(1);
    assertThat(miner.pattern(id).orElseThrow().template()).isEqualTo("Resolved [<*>: <*>]");
  }

  @Test
  void a_name_with_its_index_widens_to_two_values() {
    assertThat(PatternMiner.widen("POOL(<*>)", "LOCAL(<*>)")).isEqualTo("<*>(<*>)");
    assertThat(PatternMiner.widen("app.a[<*>],", "app.bc[<*>],")).isEqualTo("<*>[<*>],");
  }

  @Test
  void quoted_texts_of_one_length_stay_apart() {
    long get = miner.mine("sent \"GET /a HTTP/1.1\" to upstream", "info").patternId();
    long post = miner.mine("sent \"POST /b HTTP/1.1\" to upstream", "info").patternId();
    long head = miner.mine("sent \"HEAD /c HTTP/1.1\" to upstream", "info").patternId();

    assertThat(List.of(get, post, head)).doesNotHaveDuplicates();
  }

  @Test
  void a_widened_position_keeps_its_key_and_quotes() {
    for (String tag : List.of("WAKE_A", "WAKE_B", "SCREEN_DIM", "PROXIMITY")) {
      miner.mine("acquire lock tag=\"" + tag + "\", queue=" + tag.toLowerCase() + "_q done", "info");
    }
    MineResult r = miner.mine("acquire lock tag=\"OTHER_X\", queue=other_x_q done", "info");

    assertThat(r.template()).isEqualTo("acquire lock tag=\"<*>\", queue=<*> done");
    assertThat(miner.size()).isEqualTo(1);
  }

  @Test
  void one_call_with_another_argument_is_one_pattern() {
    long on = miner.mine("setLightsOn(true)", "debug").patternId();
    long off = miner.mine("setLightsOn(false)", "debug").patternId();
    long other = miner.mine("closeQs()", "debug").patternId();

    assertThat(miner.canonicalId(off)).isEqualTo(miner.canonicalId(on));
    assertThat(miner.pattern(on).orElseThrow().template()).isEqualTo("setLightsOn(<*>)");
    assertThat(other).isNotEqualTo(miner.canonicalId(on));
  }

  @Test
  void widened_tokens_cover_what_their_prefix_and_suffix_allow() {
    assertThat(PatternMiner.widen("queue=alpha", "queue=beta")).isEqualTo("queue=<*>");
    assertThat(PatternMiner.widen("tag=\"A\",", "tag=\"B_C\",")).isEqualTo("tag=\"<*>\",");
    assertThat(PatternMiner.widen("[java.io.IOException:", "[java.lang.Error:")).isEqualTo("[<*>:");
    assertThat(PatternMiner.widen("alpha", "beta")).isEqualTo("<*>");
    assertThat(PatternMiner.covers("queue=<*>", "queue=x")).isTrue();
    assertThat(PatternMiner.covers("queue=<*>", "queue=")).isFalse();
    assertThat(PatternMiner.covers("queue=<*>", "other=x")).isFalse();
    assertThat(PatternMiner.covers("<*>.", "root.")).isTrue();
  }

  /** logrus text lines: the level comes after the time, so it is read as a message word until the layout takes it. */
  private static List<String[]> logrusLines(int n) {
    String[] levels = {"info", "warning", "error", "debug"};
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String time = String.format("time=\"2026-03-01T10:%02d:%02dZ\"", (i / 60) % 60, i % 60);
      String level = "level=" + levels[(i * 7) % levels.length];
      if (i % 3 == 0) {
        out.add(new String[] {"job", time + " " + level + " msg=\"job finished\" queue=q" + (i % 5) + " took=" + (i * 13 % 97) + "ms"});
      } else {
        out.add(new String[] {"conn", time + " " + level + " msg=\"connection opened\" peer=10.0.0." + (i % 250) + " port=" + (1000 + i)});
      }
    }
    return out;
  }

  @Test
  void offered_lines_are_held_until_their_layout_settles_and_then_get_the_ids_they_keep() {
    List<String[]> lines = logrusLines(200);
    long[] reported = new long[lines.size()];
    int[] times = new int[lines.size()];
    boolean firstHeld = false;
    for (int i = 0; i < lines.size(); i++) {
      List<PatternMiner.Released> out = miner.offer(lines.get(i)[1], "x");
      if (i == 0) {
        firstHeld = out.isEmpty() && miner.heldLines() == 1;
      }
      for (PatternMiner.Released r : out) {
        reported[(int) r.sequence()] = r.result().patternId();
        times[(int) r.sequence()]++;
        assertThat(r.line()).isEqualTo(lines.get((int) r.sequence())[1]);
        assertThat(r.levelHint()).isEqualTo("x");
      }
    }
    for (PatternMiner.Released r : miner.releaseAll()) {
      reported[(int) r.sequence()] = r.result().patternId();
      times[(int) r.sequence()]++;
    }

    assertThat(firstHeld).as("the first line waits for its layout").isTrue();
    assertThat(miner.heldLines()).isZero();
    assertThat(times).as("every line reported once").containsOnly(1);
    // The id each line was reported with is one per event, and the one the event keeps.
    java.util.Map<String, java.util.Set<Long>> idsByEvent = new java.util.HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      idsByEvent.computeIfAbsent(lines.get(i)[0], k -> new java.util.HashSet<>()).add(reported[i]);
      assertThat(miner.canonicalId(reported[i])).isEqualTo(reported[i]);
    }
    assertThat(idsByEvent.get("job")).hasSize(1);
    assertThat(idsByEvent.get("conn")).hasSize(1).doesNotContainAnyElementsOf(idsByEvent.get("job"));

    // Mined at once instead, the first lines (level still in the message) get ids that do not last.
    PatternMiner atOnce = new PatternMiner(MinerSettings.DEFAULTS, clock);
    java.util.Set<Long> jobIds = new java.util.HashSet<>();
    for (String[] l : lines) {
      long id = atOnce.mine(l[1]).patternId();
      if (l[0].equals("job")) {
        jobIds.add(id);
      }
    }
    assertThat(jobIds).hasSizeGreaterThan(1);
  }

  @Test
  void a_held_line_is_mined_once_it_has_waited_the_hold_time() {
    Instant[] now = {Instant.parse("2026-03-01T00:00:00Z")};
    Clock moving = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    PatternMiner m = new PatternMiner(MinerSettings.DEFAULTS.withHold(64, 2_000), moving);
    assertThat(m.offer("2026-03-01 00:00:00 [main] starting cache warmup", null)).isEmpty();
    now[0] = now[0].plusMillis(1_999);
    assertThat(m.releaseDue()).isEmpty();
    now[0] = now[0].plusMillis(1);
    List<PatternMiner.Released> due = m.releaseDue();
    assertThat(due).hasSize(1);
    assertThat(due.get(0).sequence()).isZero();
    assertThat(due.get(0).result().message()).contains("starting cache warmup");
    assertThat(m.heldLines()).isZero();

    PatternMiner none = new PatternMiner(MinerSettings.DEFAULTS.withHold(0, 2_000), moving);
    assertThat(none.offer("2026-03-01 00:00:00 [main] starting cache warmup", null)).hasSize(1);
  }
}
