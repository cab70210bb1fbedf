package io.intake.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded generators of log lines in real-world formats, written from the formats' public
 * descriptions (RFCs, the projects' documented default layouts), with the true event and
 * template of every line known by construction. The miner is never tuned on these lines alone:
 * they exist so that a change can be measured on formats the four loghub samples do not have.
 *
 * <p>A message is written as a template with typed slots, {@code {INT}}, {@code {HEX}} …; the
 * true template replaces each slot by one {@code <*>} per value ({@code {PAREN}}, a name with its
 * index, is two). {@code {MESSAGE}} marks where the message begins when an event writes header
 * fields of its own (an access log's client and time, PostgreSQL's severity). Header fields are
 * drawn per line, with the variations real streams show: unpadded time fields, optional fields,
 * signed flags, hex counters, space-padded columns.
 */
final class VarietyCorpus {

  /** One generated line, the format it belongs to, its true event and true (message) template. */
  record Line(String format, String raw, String event, String template) {
  }

  /** A format: a header for a line (given the random source) and its events. */
  private record Format(String name, Function<Random, String> header, String[] events, boolean jsonWrap) {
  }

  private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
      "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa"};
  private static final String[] UPPER = {"WAKE_A", "WAKE_B", "SYNC_LOCK", "ALARM", "SCREEN_DIM", "NETWORK", "AUDIO_OUT",
      "GPS_FIX", "CPU_BOOST", "PROXIMITY"};
  private static final String[] USERS = {"root", "admin", "deploy", "alice", "bob", "postgres", "oracle", "guest",
      "nagios", "backup", "www-data", "jenkins"};
  private static final String[] HOSTS = {"web-1.example.com", "db.internal.lan", "cache3.example.org", "api.example.net",
      "node-17.cluster.local", "mx.mail.example.com"};
  private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
      "Dec"};
  private static final String[] CLASSES = {"com.example.order.OrderService", "com.example.http.Router",
      "org.apache.kafka.clients.NetworkClient", "com.example.db.Pool"};
  private static final String[] THREADS = {"main", "pool-1-thread-3", "http-nio-8080-exec-7", "scheduler-2",
      "kafka-producer-network-thread"};

  static final List<Format> FORMATS = List.of(
      // RFC 3164 BSD syslog, with and without the PRI part, day space-padded.
      new Format("syslog-rfc3164", r -> (r.nextInt(3) == 0 ? "<" + (8 + r.nextInt(180)) + ">" : "")
          + bsdDate(r) + " " + pick(r, "gw01", "gw02", "srv-a", "10.0.0.5") + " "
          + pick(r, "sshd", "su", "cron", "kernel") + (r.nextInt(4) == 0 ? "" : "[" + r.nextInt(40000) + "]") + ": ",
          new String[] {
              "Accepted publickey for {USER} from {IP} port {INT} ssh2: RSA SHA256:{B64}",
              "pam_unix(sshd:session): session opened for user {USER} by (uid={INT})",
              "Connection closed by {IP} port {INT} [preauth]",
              "Received disconnect from {IP} port {INT}:{INT}: disconnected by user",
              "Out of memory: Killed process {INT} ({WORD}) total-vm:{INT}kB, anon-rss:{INT}kB",
              "FAILED SU (to {USER}) {USER} on pts/{INT}",
              "error: maximum authentication attempts exceeded for invalid user {USER} from {IP} port {INT} ssh2",
          }, false),
      // RFC 5424: version, ISO time, host, app, procid, msgid, structured data or "-".
      new Format("syslog-rfc5424", r -> "<" + (8 + r.nextInt(180)) + ">1 " + iso(r, true, "Z") + " "
          + pick(r, HOSTS) + " " + pick(r, "evntslog", "billing", "auth") + " " + (r.nextBoolean() ? "-" : r.nextInt(9999))
          + " " + pick(r, "ID47", "-", "AUDIT") + " "
          + (r.nextInt(3) == 0 ? "[exampleSDID@32473 iut=\"" + r.nextInt(9) + "\" eventSource=\"Application\"]" : "-")
          + " ",
          new String[] {
              "An application event log entry for job {INT} finished in {DUR}",
              "invoice {UUID} posted amount={FLOAT} currency=EUR",
              "token refresh failed for client {WORD}: upstream returned {INT}",
              "queue {WORD} depth {INT} above threshold {INT}",
              "user {USER} logged out",
          }, false),
      // journalctl -o short-iso-precise
      new Format("journald-short-iso", r -> iso(r, true, "+0000") + " " + pick(r, "nuc", "laptop") + " "
          + pick(r, "systemd[1]", "systemd-logind[" + (400 + r.nextInt(99)) + "]", "NetworkManager[" + (500 + r.nextInt(99)) + "]", "kernel") + ": ",
          new String[] {
              "Started Session {INT} of User {USER}.",
              "New session {INT} of user {USER}.",
              "Removed session {INT}.",
              "<info>  [{FLOAT}] device ({IFACE}): state change: {LOWER} -> {LOWER} (reason '{LOWER}', sys-iface-state: 'managed')",
              "usb {USB}: new high-speed USB device number {INT} using xhci_hcd",
              "Reached target {CAP} Target.",
              "Watching system buttons on /dev/input/event{INT} (Power Button)",
          }, false),
      // Apache combined access log. The client, identity, user and time (%h %l %u %t) are the
      // line's header, as a syslog header is: the message, and so the template, is the request
      // line with status, size, referer and agent.
      new Format("apache-access", r -> "",
          new String[] {
              "{IP} - {USER} [{CLF}] {MESSAGE}\"GET {PATH} HTTP/1.1\" {STATUS} {INT} \"{URL}\" \"{UA}\"",
              "{IP} - - [{CLF}] {MESSAGE}\"POST {PATH} HTTP/1.1\" {STATUS} {INT} \"-\" \"{UA}\"",
              "{IP} - - [{CLF}] {MESSAGE}\"HEAD {PATH} HTTP/1.0\" {STATUS} - \"-\" \"{UA}\"",
              "{IP} - {USER} [{CLF}] {MESSAGE}\"DELETE {PATH} HTTP/2.0\" {STATUS} {INT} \"-\" \"{UA}\"",
          }, false),
      // Apache 2.4 error log.
      new Format("apache-error", r -> "[" + pick(r, "Mon", "Tue", "Wed", "Thu", "Fri") + " " + pick(r, MONTHS) + " "
          + pad2(1 + r.nextInt(28)) + " " + hms(r, true) + "." + pad(r.nextInt(1000000), 6) + " 2024] ["
          + pick(r, "core:error", "ssl:warn", "mpm_event:notice", "authz_core:error") + "] [pid " + r.nextInt(99999)
          + (r.nextBoolean() ? ":tid " + (1000000000L + r.nextInt(999999999)) : "") + "] "
          + (r.nextBoolean() ? "[client " + ip(r) + ":" + r.nextInt(65535) + "] " : ""),
          new String[] {
              "AH00128: File does not exist: {PATH}",
              "AH01630: client denied by server configuration: {PATH}",
              "AH00489: Apache/{VER} (Unix) configured -- resuming normal operations",
              "AH02032: Hostname {HOST} provided via SNI and hostname {HOST} provided via HTTP are different",
              "AH00094: Command line: '/usr/sbin/httpd -D FOREGROUND'",
          }, false),
      // nginx error log.
      new Format("nginx-error", r -> ymdSlash(r) + " " + hms(r, true) + " ["
          + pick(r, "error", "warn", "crit", "notice") + "] " + r.nextInt(9999) + "#" + r.nextInt(99) + ": "
          + (r.nextBoolean() ? "*" + r.nextInt(999999) + " " : ""),
          new String[] {
              "open() \"{PATH}\" failed (2: No such file or directory), client: {IP}, server: {HOST}, request: \"GET {PATH} HTTP/1.1\", host: \"{HOST}\"",
              "upstream timed out (110: Connection timed out) while reading response header from upstream, client: {IP}, server: {HOST}, request: \"POST {PATH} HTTP/1.1\", upstream: \"{URL}\", host: \"{HOST}\"",
              "limiting requests, excess: {FLOAT} by zone \"{LOWER}\", client: {IP}, server: {HOST}, request: \"GET {PATH} HTTP/1.1\"",
              "worker process {INT} exited on signal {INT}",
              "signal process started",
          }, false),
      // log4j PatternLayout "%d %-5p [%t] %c - %m%n" (the level space-padded to five).
      new Format("log4j", r -> iso(r, false, "").replace('T', ' ').replace('.', ',') + " "
          + padRight(pick(r, "INFO", "WARN", "ERROR", "DEBUG"), 5) + " [" + pick(r, THREADS) + "] " + pick(r, CLASSES) + " - ",
          new String[] {
              "Order {INT} accepted for customer {UUID}",
              "Connection to node {SIGNED} ({HOST}/{IP}:{INT}) could not be established. Broker may not be available.",
              "Pool stats (total={INT}, active={INT}, idle={INT}, waiting={INT})",
              "Request {METHOD} {PATH} completed in {DUR} with status {STATUS}",
              "Retrying in {INT} ms, attempt {INT}/{INT}",
              "Cache {CAMEL} evicted {INT} entries",
          }, false),
      // logback default "%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n".
      new Format("logback", r -> hms(r, true) + "." + pad(r.nextInt(1000), 3) + " [" + pick(r, THREADS) + "] "
          + padRight(pick(r, "INFO", "WARN", "ERROR", "DEBUG", "TRACE"), 5) + " "
          + pick(r, "c.e.order.OrderService", "o.s.web.servlet.DispatcherServlet", "c.z.hikari.HikariPool") + " - ",
          new String[] {
              "Completed initialization in {INT} ms",
              "HikariPool-{INT} - Connection {JAVAOBJ} marked as broken because of SQLSTATE({INT}), ErrorCode({INT})",
              "Shipment {ID} moved from {UPPERW} to {UPPERW}",
              "Resolved [{EXC}: {MSGW}]",
              "Tenant {WORD} quota {INT}/{INT} reached",
          }, false),
      // Android logcat -v threadtime: pid and tid right-aligned in five columns.
      new Format("logcat-threadtime", r -> pad2(1 + r.nextInt(12)) + "-" + pad2(1 + r.nextInt(28)) + " " + hms(r, true) + "."
          + pad(r.nextInt(1000), 3) + " " + padLeft(String.valueOf(1 + r.nextInt(30000)), 5) + " "
          + padLeft(String.valueOf(1 + r.nextInt(30000)), 5) + " " + pick(r, "V", "D", "I", "W", "E") + " "
          + pick(r, "ActivityManager", "PowerManagerService", "WifiStateMachine", "chatty") + ": ",
          new String[] {
              "Start proc {INT}:{PKG}/{APPUID} for activity {ACTIVITY}",
              "acquire lock={INT}, flags={HEX}, tag=\"{UPPERQ}\", name={PKG}, ws=null, uid={INT}, pid={INT}",
              "release lock={INT}, flags={HEX}",
              "setLightsOn({BOOL})",
              "uid={INT}({PKG}) expire {INT} lines",
              "Killing {INT}:{PKG}/{APPUID} (adj {INT}): empty #{INT}",
          }, false),
      // Windows CBS.log text: level column padded to 22, component column.
      new Format("windows-cbs", r -> ymd(r) + " " + hms(r, true) + ", " + padRight(pick(r, "Info", "Warning", "Error"), 22)
          + padRight(pick(r, "CBS", "CSI", "TI"), 7),
          new String[] {
              "Loaded Servicing Stack v{VER} with Core: {WINPATH}",
              "Session: {INT}_{INT} initialized by client {UPPERW}.",
              "Read out cached package applicability for package: {KB}, ApplicableState: {INT}, CurrentState:{INT}",
              "Warning: Unrecognized packageExtended attribute.",
              "Failed to get next element [HRESULT = {HEXW} - {UPPERW}]",
              "{HEXPTR} Creating NT transaction (seq {INT}), objectname [{INT}]\"(null)\"",
          }, false),
      // Docker json-file (what Kubernetes nodes keep for containers).
      new Format("k8s-json", r -> "", new String[] {
          "GET {PATH} {STATUS} {DUR}",
          "reconciling {LOWER}/{LOWER} generation {INT}",
          "leader election lost for {LOWER}",
          "failed to pull image {IMAGE}: rpc error: code = NotFound",
          "probe failed: Get \\\"{URL}\\\": context deadline exceeded",
      }, true),
      // Go: logrus text formatter (time, level, msg, fields).
      new Format("logrus", r -> "time=\"" + iso(r, false, "Z") + "\" level=" + pick(r, "info", "warning", "error", "debug") + " ",
          new String[] {
              "msg=\"starting worker\" worker={INT} queue={LOWER}",
              "msg=\"request handled\" method={METHOD} path={PATH} status={STATUS} duration={DUR}",
              "msg=\"retrying\" attempt={INT} error=\"dial tcp {IP}:{INT}: connect: connection refused\"",
              "msg=\"config reloaded\" file={PATH}",
              "msg=\"cache miss\" key={LOWER}",
          }, false),
      // Go: zap development encoder (tab-separated).
      new Format("zap-console", r -> iso(r, true, "Z") + "\t" + pick(r, "INFO", "WARN", "ERROR", "DEBUG") + "\t"
          + pick(r, "server/main.go", "store/pg.go", "api/handler.go") + ":" + (10 + r.nextInt(400)) + "\t",
          new String[] {
              "listening\t{\"addr\": \"{IP}:{INT}\"}",
              "query slow\t{\"table\": \"{LOWER}\", \"ms\": {INT}}",
              "shutdown complete",
              "handler panicked\t{\"route\": \"{PATH}\", \"err\": \"{MSGW}\"}",
          }, false),
      // Python logging: basicConfig default "%(levelname)s:%(name)s:%(message)s", and the usual asctime form.
      new Format("python-logging", r -> r.nextBoolean()
          ? pick(r, "INFO", "WARNING", "ERROR") + ":" + pick(r, "root", "app.db", "urllib3.connectionpool") + ":"
          : iso(r, false, "").replace('T', ' ').replace('.', ',') + " - " + pick(r, "app.db", "celery.worker") + " - "
              + pick(r, "INFO", "WARNING", "ERROR") + " - ",
          new String[] {
              "Starting new HTTPS connection ({INT}): {HOST}:{INT}",
              "Task {PYTASK}[{UUID}] succeeded in {FLOAT}s: None",
              "Retrying (Retry(total={INT}, connect=None, read=None, redirect=None, status=None)) after connection broken",
              "Loaded {INT} rows from {LOWER} in {FLOAT} seconds",
              "Worker {USER} exited with code {SIGNED}",
          }, false),
      // PostgreSQL default log_line_prefix '%m [%p] ' (two spaces after the severity). The
      // severity is the line's level, part of the header as in every other format.
      new Format("postgresql", r -> iso(r, false, "").replace('T', ' ') + " UTC [" + r.nextInt(99999) + "] ",
          new String[] {
              "LOG:  {MESSAGE}checkpoint starting: {LOWER}",
              "LOG:  {MESSAGE}checkpoint complete: wrote {INT} buffers ({FLOAT}%); {INT} WAL file(s) added, {INT} removed, {INT} recycled; write={FLOAT} s, sync={FLOAT} s, total={FLOAT} s",
              "ERROR:  {MESSAGE}relation \"{LOWER}\" does not exist at character {INT}",
              "FATAL:  {MESSAGE}password authentication failed for user \"{USER}\"",
              "LOG:  {MESSAGE}connection received: host={IP} port={INT}",
              "ERROR:  {MESSAGE}duplicate key value violates unique constraint \"{LOWER}_pkey\"",
          }, false),
      // Redis: "pid:role dd Mon yyyy hh:mm:ss.mmm <level char> message".
      new Format("redis", r -> r.nextInt(99999) + ":" + pick(r, "M", "S", "C") + " " + pad2(1 + r.nextInt(28)) + " "
          + pick(r, MONTHS) + " 2024 " + hms(r, true) + "." + pad(r.nextInt(1000), 3) + " " + pick(r, "*", "#", "-", ".") + " ",
          new String[] {
              "Background saving started by pid {INT}",
              "DB saved on disk",
              "{INT} changes in {INT} seconds. Saving...",
              "Accepted {IP}:{INT}",
              "Client id={INT} addr={IP}:{INT} laddr={IP}:{INT} fd={INT} name= age={INT} idle={INT} closed for overcoming of output buffer limits.",
              "Replica {IP}:{INT} asks for synchronization",
          }, false),
      // Spark on YARN, log4j "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n".
      new Format("spark", r -> "24/" + pad2(1 + r.nextInt(12)) + "/" + pad2(1 + r.nextInt(28)) + " " + hms(r, true) + " "
          + pick(r, "INFO", "WARN", "ERROR") + " " + pick(r, "scheduler.TaskSetManager", "storage.BlockManager", "executor.Executor") + ": ",
          new String[] {
              "Starting task {FLOAT} in stage {FLOAT} (TID {INT}, {HOST}, executor {INT}, partition {INT}, {UPPERW}, {INT} bytes)",
              "Finished task {FLOAT} in stage {FLOAT} (TID {INT}) in {INT} ms on {HOST} (executor {INT}) ({INT}/{INT})",
              "Found block rdd_{INT}_{INT} locally",
              "Running task {FLOAT} in stage {FLOAT} (TID {INT})",
              "Lost task {FLOAT} in stage {FLOAT} (TID {INT}, {HOST}, executor {INT}): {EXC}: {MSGW}",
          }, false),
      // HAProxy HTTP log format behind syslog. Its client address and accept date are the
      // request's header, as Apache's %h and %t are.
      new Format("haproxy", r -> bsdDate(r) + " lb" + (1 + r.nextInt(3)) + " haproxy[" + r.nextInt(40000) + "]: ",
          new String[] {
              "{IP}:{INT} [{CLFMS}] {MESSAGE}{FRONT} {BACKEND}/{SRV} {TIMERS} {STATUS} {INT} - - ---- {CONNS} {INT}/{INT} \"GET {PATH} HTTP/1.1\"",
              "Server {BACKEND}/{SRV} is DOWN, reason: Layer4 timeout, check duration: {INT}ms. {INT} active and {INT} backup servers left.",
              "Server {BACKEND}/{SRV} is UP, reason: Layer7 check passed, code: {INT}, check duration: {INT}ms.",
              "Proxy {FRONT} started.",
          }, false),
      // Pipe-separated app log with unpadded time fields: "20240102-3:4:5:67|Comp|123|msg".
      new Format("pipe-app", r -> "2024" + pad2(1 + r.nextInt(12)) + pad2(1 + r.nextInt(28)) + "-" + r.nextInt(24) + ":"
          + r.nextInt(60) + ":" + r.nextInt(60) + ":" + r.nextInt(1000) + "|" + pick(r, "Step_LSC", "Step_SPUtils", "HiH_HiSyncUtil")
          + "|" + (30000000 + r.nextInt(9999)) + "|",
          new String[] {
              "onStandStepChanged {INT}",
              "setTodayTotalDetailSteps={INT}##{INT}##{INT}##{INT}##{INT}##{INT}",
              "flush sensor data",
              "REPORT : {INT} {INT} {INT} {INT}",
              "getTodayTotalDetailSteps = {INT}",
              "processHandleBroadcastAction action:{PKG}.ACTION_{UPPERW}",
          }, false),
      // Bracketed-timestamp proxy client log with an optional "*64" field.
      new Format("proxy-bracketed", r -> "[" + pad2(1 + r.nextInt(12)) + "." + pad2(1 + r.nextInt(28)) + " " + hms(r, true) + "] "
          + pick(r, "chrome.exe", "firefox.exe", "Dropbox.exe", "svchost.exe") + (r.nextInt(3) == 0 ? " *64" : "") + " - ",
          new String[] {
              "{HOST}:{INT} open through proxy {PROXY}:{INT} HTTPS",
              "{HOST}:{INT} close, {INT} bytes ({SIZE}) sent, {INT} bytes ({SIZE}) received, lifetime {LIFETIME}",
              "{HOST}:{INT} error : Could not connect to proxy {PROXY}:{INT} - connection attempt failed with error {INT}",
              "Proxy chain resolved, {INT} proxies",
          }, false),
      // A supervisor log: hex sequence counter, signed status flag, then the message.
      new Format("hexseq-signed", r -> pad(Integer.toHexString(r.nextInt(4096)), 8) + " " + hms(r, false) + " "
          + pick(r, "-1", "0", "1", "2") + " " + pick(r, "sup", "ctl") + ": ",
          new String[] {
              "child {WORD} spawned with pid {INT}",
              "child {WORD} exited with status {SIGNED}",
              "closeQs",
              "sda: {LIST}",
              "domain {DOMAIN} attached to {PAREN}",
              "pool {PAREN} reset after {INT} retries",
          }, false),
      // A scheduler log of short messages: events of the same length that share no word, and
      // all-number messages, next to an event whose one word varies.
      new Format("short-events", r -> hms(r, true) + "." + pad(r.nextInt(1000), 3) + " [" + pick(r, THREADS) + "] ",
          new String[] {
              "Job {FRONT} queued.",
              "{INT} : {INT}",
              "sweep pausing: {WORD}",
              "compact ledger files",
              "slot={INT} = {INT}",
              "Dropped lease {INT}.",
              "timer wheel advanced",
          }, false));

  private VarietyCorpus() {
  }

  static List<String> formats() {
    List<String> names = new ArrayList<>();
    for (Format f : FORMATS) {
      names.add(f.name());
    }
    return names;
  }

  /** {@code n} lines of the named format, the same for the same seed. */
  static List<Line> generate(String format, int n, long seed) {
    Format f = FORMATS.stream().filter(x -> x.name().equals(format)).findFirst().orElseThrow();
    Random r = new Random(seed ^ format.hashCode());
    // Event frequencies are skewed, as in real logs: event k is drawn about half as often as event k-1.
    double[] weights = new double[f.events().length];
    double total = 0;
    for (int k = 0; k < weights.length; k++) {
      weights[k] = 1.0 / (1 + k * 0.8);
      total += weights[k];
    }
    List<Line> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double x = r.nextDouble() * total;
      int e = 0;
      while (e < weights.length - 1 && (x -= weights[e]) > 0) {
        e++;
      }
      String spec = f.events()[e];
      StringBuilder message = new StringBuilder();
      StringBuilder template = new StringBuilder();
      fill(spec, r, message, template);
      String raw;
      if (f.jsonWrap()) {
        raw = "{\"log\":\"" + message + "\\n\",\"stream\":\"" + (r.nextBoolean() ? "stdout" : "stderr")
            + "\",\"time\":\"" + iso(r, true, "Z") + "\"}";
      } else {
        raw = f.header().apply(r) + message;
      }
      String truth = f.jsonWrap() ? template.toString().replace("\\\"", "\"") : template.toString();
      out.add(new Line(f.name(), raw, f.name() + "#E" + (e + 1), truth));
    }
    return out;
  }

  private static void fill(String spec, Random r, StringBuilder message, StringBuilder template) {
    int k = 0;
    while (k < spec.length()) {
      char c = spec.charAt(k);
      if (c == '{' && k + 1 < spec.length() && Character.isUpperCase(spec.charAt(k + 1))) {
        int close = spec.indexOf('}', k);
        String slot = spec.substring(k + 1, close);
        k = close + 1;
        if (slot.equals("MESSAGE")) {
          template.setLength(0); // the text before it is header written per event
          continue;
        }
        message.append(value(slot, r));
        template.append(slot.equals("PAREN") ? "<*>(<*>)" : "<*>"); // a name and its index: two values

      } else {
        message.append(c);
        template.append(c);
        k++;
      }
    }
  }

  private static String value(String slot, Random r) {
    switch (slot) {
      case "INT": return String.valueOf(r.nextInt(r.nextBoolean() ? 100 : 100000));
      case "SIGNED": return String.valueOf(r.nextInt(7) - 3);
      case "FLOAT": return r.nextInt(1000) + "." + r.nextInt(1000);
      case "HEX": return "0x" + Integer.toHexString(r.nextInt());
      case "HEXW": return "0x" + pad(Integer.toHexString(r.nextInt()).toUpperCase(Locale.ROOT), 8);
      case "HEXPTR": return pad(Integer.toHexString(r.nextInt(0x7fffffff)), 8) + "@" + (1 + r.nextInt(9999));
      case "IP": return ip(r);
      case "USER": return pick(r, USERS);
      case "WORD": return pick(r, WORDS);
      case "LOWER": return pick(r, WORDS) + (r.nextBoolean() ? "_" + pick(r, WORDS) : "");
      case "CAP": return pick(r, "Network", "Sound Card", "Bluetooth", "Timers", "Paths", "Sockets");
      case "UPPERW": return pick(r, UPPER);
      case "UPPERQ": return pick(r, UPPER);
      case "DOMAIN": return pick(r, "root_domain", "root3_domain", "guest_domain", "io_domain2", "dom-a", "sys_domain");
      case "B64": return b64(r, 43);
      case "UUID": return java.util.UUID.nameUUIDFromBytes(longBytes(r.nextLong())).toString();
      case "ID": return pick(r, "SHP", "ORD", "INV") + "-" + (1000 + r.nextInt(90000));
      case "DUR": return r.nextBoolean() ? r.nextInt(900) + "ms" : r.nextInt(60) + "." + r.nextInt(999) + "s";
      case "PATH": return "/" + pick(r, "api", "static", "v1", "img") + "/" + pick(r, WORDS)
          + (r.nextBoolean() ? "/" + r.nextInt(9999) : "") + (r.nextBoolean() ? ".html" : "");
      case "WINPATH": return "C:\\Windows\\winsxs\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_" + ver(r)
          + "_none_" + Long.toHexString(r.nextLong()).substring(0, 12) + "\\cbscore.dll";
      case "URL": return "http://" + pick(r, HOSTS) + "/" + pick(r, WORDS) + (r.nextBoolean() ? "?id=" + r.nextInt(999) : "");
      case "HOST": return pick(r, HOSTS);
      case "STATUS": return pick(r, "200", "201", "204", "301", "304", "400", "404", "500", "502", "503");
      case "UA": return pick(r, "curl/7.68.0", "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0",
          "Go-http-client/1.1", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
          "python-requests/2.31.0");
      case "CLF": return pad2(1 + r.nextInt(28)) + "/" + pick(r, MONTHS) + "/2024:" + hms(r, true) + " +0000";
      case "CLFMS": return pad2(1 + r.nextInt(28)) + "/" + pick(r, MONTHS) + "/2024:" + hms(r, true) + "." + pad(r.nextInt(1000), 3);
      case "METHOD": return pick(r, "GET", "POST", "PUT", "DELETE", "PATCH");
      case "VER": return ver(r);
      case "KB": return "Package_" + r.nextInt(99) + "_for_KB" + (2000000 + r.nextInt(999999)) + "~31bf3856ad364e35~amd64~~"
          + ver(r);
      case "PKG": return pick(r, "com.android.chrome", "com.google.android.gms", "com.whatsapp", "org.mozilla.firefox",
          "com.spotify.music");
      // An app's uid name (u0a54: user 0, app 54) and a component name (package/.Class) are one
      // value each, as the masker reads a qualified name with a slash.
      case "APPUID": return "u0a" + value("INT", r);
      case "ACTIVITY": return value("PKG", r) + "/.MainActivity";
      case "BOOL": return r.nextBoolean() ? "true" : "false";
      case "IFACE": return pick(r, "wlan0", "eth0", "enp3s0", "wlp2s0");
      case "USB": return (1 + r.nextInt(4)) + "-" + (1 + r.nextInt(9)) + (r.nextBoolean() ? "." + (1 + r.nextInt(4)) : "");
      case "CAMEL": return pick(r, "userById", "ordersByCustomer", "productCatalog", "sessionTokens", "priceList");
      case "JAVAOBJ": return "org.postgresql.jdbc.PgConnection@" + Integer.toHexString(r.nextInt());
      case "EXC": return pick(r, "java.lang.IllegalStateException", "java.io.IOException",
          "org.springframework.web.HttpRequestMethodNotSupportedException", "java.util.concurrent.TimeoutException");
      case "MSGW": return pick(r, "Request method not supported", "stream closed", "timed out", "bad state");
      case "IMAGE": return "registry.example.com/" + pick(r, WORDS) + ":" + ver(r);
      case "PYTASK": return "app.tasks." + pick(r, "send_mail", "resize_image", "sync_orders");
      case "FRONT": return pick(r, "fe_http", "fe_https", "fe_api");
      case "BACKEND": return pick(r, "be_app", "be_static", "be_api");
      case "SRV": return "srv" + (1 + r.nextInt(8));
      case "TIMERS": return r.nextInt(9) + "/" + r.nextInt(9) + "/" + r.nextInt(99) + "/" + r.nextInt(999) + "/" + r.nextInt(999);
      case "CONNS": return r.nextInt(99) + "/" + r.nextInt(99) + "/" + r.nextInt(9) + "/" + r.nextInt(9) + "/" + r.nextInt(3);
      case "PROXY": return "proxy." + pick(r, "cse.cuhk.edu.hk", "corp.example.com");
      case "SIZE": return r.nextInt(999) + (r.nextBoolean() ? " KB" : " MB");
      case "LIFETIME": return r.nextBoolean() ? "<1 sec" : pad2(r.nextInt(60)) + ":" + pad2(r.nextInt(60));
      case "LIST": {
        StringBuilder b = new StringBuilder("sda1");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          b.append(" sda").append(2 + i);
        }
        return b.toString();
      }
      case "PAREN": return pick(r, "LOCAL", "REMOTE", "POOL") + "(" + r.nextInt(9) + ")";
      default: throw new IllegalArgumentException("unknown slot " + slot);
    }
  }

  private static String ver(Random r) {
    return (1 + r.nextInt(9)) + "." + r.nextInt(20) + "." + r.nextInt(9999) + "." + r.nextInt(99999);
  }

  private static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  private static String b64(Random r, int n) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static String ip(Random r) {
    return (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
  }

  private static String bsdDate(Random r) {
    int day = 1 + r.nextInt(28);
    return pick(r, MONTHS) + " " + (day < 10 ? " " + day : String.valueOf(day)) + " " + hms(r, true);
  }

  private static String iso(Random r, boolean t, String zone) {
    return ymd(r) + (t ? "T" : "T") + hms(r, true) + "." + pad(r.nextInt(1000), 3) + zone;
  }

  private static String ymd(Random r) {
    return "2024-" + pad2(1 + r.nextInt(12)) + "-" + pad2(1 + r.nextInt(28));
  }

  private static String ymdSlash(Random r) {
    return "2024/" + pad2(1 + r.nextInt(12)) + "/" + pad2(1 + r.nextInt(28));
  }

  private static String hms(Random r, boolean padded) {
    int h = r.nextInt(24);
    int m = r.nextInt(60);
    int s = r.nextInt(60);
    return padded ? pad2(h) + ":" + pad2(m) + ":" + pad2(s) : h + ":" + m + ":" + s;
  }

  private static String pad2(int v) {
    return v < 10 ? "0" + v : String.valueOf(v);
  }

  private static String pad(Object v, int width) {
    String s = String.valueOf(v);
    return "0".repeat(Math.max(0, width - s.length())) + s;
  }

  private static String padLeft(String s, int width) {
    return " ".repeat(Math.max(0, width - s.length())) + s;
  }

  private static String padRight(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  @SafeVarargs
  private static <T> T pick(Random r, T... values) {
    return values[r.nextInt(values.length)];
  }
}
