package io.intake.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** One line of each common header layout; the parser is told none of them. */
class HeaderParserTest {

  private final HeaderParser parser = new HeaderParser(Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC));

  private record Case(String line, String timestamp, String level, String host, String component, Long pid,
      String thread, String message) {
  }

  @Test
  void splits_header_and_message_by_token_shapes() {
    Case[] cases = {
        new Case("081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_3 terminating",
            "2008-11-09T20:36:15Z", "INFO", null, "dfs.DataNode$PacketResponder", 148L, null,
            "PacketResponder 1 for block blk_3 terminating"),
        new Case("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown",
            "2026-06-14T15:16:01Z", null, "combo", "sshd(pam_unix)", 19939L, null, "check pass; user unknown"),
        new Case("Jul 17 04:08:23 combo syslogd 1.4.1: restart.",
            "2026-07-17T04:08:23Z", null, "combo", "syslogd", null, null, "restart."),
        new Case("2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0.0.0.0:2181:FastLeaderElection@774] - Notification time out: 3200",
            "2015-07-29T17:41:44.747Z", "INFO", null, null, null, "QuorumPeer[myid=1]/0.0.0.0:2181:FastLeaderElection@774",
            "Notification time out: 3200"),
        new Case("2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster",
            "2015-10-18T18:01:47.978Z", "INFO", null, "org.apache.hadoop.mapreduce.v2.app.MRAppMaster", null, "main",
            "Created MRAppMaster"),
        new Case("17/06/09 20:10:40 WARN executor.Executor: Registered signal handlers for [TERM, HUP, INT]",
            "2017-06-09T20:10:40Z", "WARN", null, "executor.Executor", null, null, "Registered signal handlers for [TERM, HUP, INT]"),
        new Case("- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL FATAL data storage interrupt",
            "2005-06-03T22:42:50Z", "CRITICAL", "R02-M1-N0-C:J12-U11", "KERNEL", null, null, "data storage interrupt"),
        new Case("- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond(pam_unix)[2915]: session closed for user root",
            "2005-11-09T20:01:01Z", null, "dn228", "crond(pam_unix)", 2915L, null, "session closed for user root"),
        new Case("2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack v6.1.7601.23505",
            "2016-09-28T04:30:30Z", "INFO", null, "CBS", null, null, "Loaded Servicing Stack v6.1.7601.23505"),
        new Case("03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogs opening app",
            "2026-03-17T16:13:38.811Z", "DEBUG", null, "WindowManager", 1702L, "2395", "printFreezingDisplayLogs opening app"),
        new Case("20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579",
            "2017-12-23T22:15:29.606Z", null, null, "Step_LSC", 30002312L, null, "onStandStepChanged 3579"),
        new Case("[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties",
            "2005-12-04T04:47:44Z", "INFO", null, null, null, null, "workerEnv.init() ok /etc/httpd/conf/workers2.properties"),
        new Case("[Sun Dec 04 20:47:17 2005] [error] [client 81.199.21.119] Directory index forbidden by rule: /var/www/html/",
            "2005-12-04T20:47:17Z", "ERROR", null, null, null, null,
            "[client 81.199.21.119] Directory index forbidden by rule: /var/www/html/"),
        new Case("[10.30 16:49:06] chrome.exe - proxy.example.org:5070 open through proxy proxy.example.org:5070 HTTPS",
            "2026-10-30T16:49:06Z", null, null, "chrome.exe", null, null,
            "proxy.example.org:5070 open through proxy proxy.example.org:5070 HTTPS"),
        new Case("nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server [req-38101a0b - - -] 10.11.10.1 \"GET /v2/servers HTTP/1.1\" status: 200",
            "2017-05-16T00:00:00.008Z", "INFO", null, "nova.osapi_compute.wsgi.server", 25746L, "req-38101a0b - - -",
            "10.11.10.1 \"GET /v2/servers HTTP/1.1\" status: 200"),
        new Case("Jul  1 09:01:05 calvisitor-10-105-160-95 com.apple.CDScheduler[43]: Thermal pressure state: 1",
            "2026-07-01T09:01:05Z", null, "calvisitor-10-105-160-95", "com.apple.CDScheduler", 43L, null, "Thermal pressure state: 1"),
        new Case("2024-01-02T03:04:05.123+02:00 ERROR [worker-3] c.e.Billing - charge failed",
            "2024-01-02T01:04:05.123Z", "ERROR", null, "c.e.Billing", null, "worker-3", "charge failed"),
        new Case("WARNING: disk almost full", null, "WARN", null, null, null, null, "disk almost full"),
        new Case("plain text without any header", null, null, null, null, null, null, "plain text without any header"),
        new Case("2024-01-02T03:04:05.123Z [pool-1-thread-3] 60 : 71864", "2024-01-02T03:04:05.123Z", null, null, null,
            null, "pool-1-thread-3", "60 : 71864"), // numbers around a colon are the message
    };
    SoftAssertions softly = new SoftAssertions();
    for (Case c : cases) {
      ParsedLine p = parser.parse(c.line());
      LogHeader h = p.header();
      softly.assertThat(h.timestamp()).as("timestamp of %s", c.line()).isEqualTo(c.timestamp() == null ? null : Instant.parse(c.timestamp()));
      softly.assertThat(h.level()).as("level of %s", c.line()).isEqualTo(c.level());
      softly.assertThat(h.host()).as("host of %s", c.line()).isEqualTo(c.host());
      softly.assertThat(h.component()).as("component of %s", c.line()).isEqualTo(c.component());
      softly.assertThat(h.pid()).as("pid of %s", c.line()).isEqualTo(c.pid());
      softly.assertThat(h.thread()).as("thread of %s", c.line()).isEqualTo(c.thread());
      softly.assertThat(p.message()).as("message of %s", c.line()).isEqualTo(c.message());
    }
    softly.assertAll();
  }

  @Test
  void more_timestamp_shapes() {
    assertThat(parser.parse("1700000000123 job done").header().timestamp()).isEqualTo(Instant.ofEpochMilli(1700000000123L));
    assertThat(parser.parse("10/Oct/2000:13:55:36 -0700 GET /index.html").header().timestamp())
        .isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
    assertThat(parser.parse("2024/01/02 03:04:05 started").header().timestamp()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(parser.parse("Dec 10 2015 06:55:46 host app: hi").header().timestamp()).isEqualTo(Instant.parse("2015-12-10T06:55:46Z"));
    assertThat(parser.parse("12:01:01 started").message()).isEqualTo("started");
    assertThat(parser.parse("10.11.10.1 GET /").header().timestamp()).isNull();
  }
}
