package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.RawHttp;
import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14, defect 6: idle, half-sent-header and half-sent-body connections stayed open forever.
 * Real sockets against the HTTP verticle with short timeouts: a slowloris (headers trickled), a
 * slow body and an idle flood are cut, while a normal client (another address, 127.0.0.2) is
 * served throughout; one address holds at most {@code max_connections_per_address}.
 */
@ExtendWith(VertxExtension.class)
class SlowClientTest {

  /** Generous: the timeouts below are 1-1.5 s; before the fix nothing was ever cut. */
  private static final long CUT_WITHIN_MS = 10_000;
  private static final String NORMAL_CLIENT = "127.0.0.2";

  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void closeSockets() {
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already cut
      }
    }
  }

  private static int start(Vertx vertx, JsonObject http) {
    int port = TestApp.freePort();
    TestApp.deploy(vertx, port, new JsonObject()
        .put("verticles", new JsonArray().add("http"))
        .put("http", http.put("security", new JsonObject().put("rate_limit", new JsonObject().put("requests_per_second", 0)))));
    return port;
  }

  private static JsonObject shortTimeouts() {
    return new JsonObject().put("header_timeout_ms", 1000).put("body_timeout_ms", 1500).put("idle_timeout_ms", 1500)
        .put("max_connections_per_address", 1000);
  }

  private Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(1);
    sockets.add(socket);
    return socket;
  }

  /** True once the server has closed the connection (EOF or reset); never blocks for long. */
  private static boolean closedByServer(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      while (true) {
        int b = in.read();
        if (b < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static void assertNormalClientServed(int port) {
    RawHttp.Response response = RawHttp.send(NORMAL_CLIENT, port, "GET", "/healthz", Map.of(), null);
    assertThat(response.status()).isEqualTo(200);
  }

  /** Writes one chunk per round to every still-open socket until all are cut, serving a normal client each round. */
  private void trickleUntilCut(int port, List<Socket> attackers, String chunk) throws Exception {
    long deadline = System.currentTimeMillis() + CUT_WITHIN_MS;
    List<Socket> open = new ArrayList<>(attackers);
    while (!open.isEmpty()) {
      assertThat(System.currentTimeMillis()).as(open.size() + " slow connections still open").isLessThan(deadline);
      for (Socket socket : List.copyOf(open)) {
        try {
          OutputStream out = socket.getOutputStream();
          out.write(chunk.getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException e) {
          open.remove(socket);
          continue;
        }
        if (closedByServer(socket)) {
          open.remove(socket);
        }
      }
      assertNormalClientServed(port);
      Thread.sleep(100); // the attack's pace, not synchronization
    }
  }

  @Test
  void a_slowloris_trickling_headers_is_cut_while_a_normal_client_is_served(Vertx vertx) throws Exception {
    int port = start(vertx, shortTimeouts());
    List<Socket> attackers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Socket socket = connect(port);
      socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      attackers.add(socket);
    }
    trickleUntilCut(port, attackers, "X-a: b\r\n");
  }

  @Test
  void a_slow_body_is_answered_408_and_cut(Vertx vertx) throws Exception {
    int port = start(vertx, shortTimeouts());
    Socket socket = connect(port);
    socket.getOutputStream().write(("POST /ingest/demo HTTP/1.1\r\nHost: x\r\nX-API-Key: " + TestApp.API_KEY
        + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"service\":").getBytes(StandardCharsets.US_ASCII));
    socket.setSoTimeout(0);
    long deadline = System.currentTimeMillis() + CUT_WITHIN_MS;
    // Trickle from another thread while this one waits for the answer.
    Thread trickler = new Thread(() -> {
      try {
        while (System.currentTimeMillis() < deadline) {
          socket.getOutputStream().write(' ');
          socket.getOutputStream().flush();
          Thread.sleep(100);
        }
      } catch (Exception cut) {
        // the server closed the connection: expected
      }
    });
    trickler.setDaemon(true);
    trickler.start();
    socket.setSoTimeout((int) CUT_WITHIN_MS);
    RawHttp.Response response = RawHttp.read(socket.getInputStream());
    assertThat(response.status()).isEqualTo(408);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getJsonArray("details").getJsonObject(0).getString("rule")).isEqualTo("body_timeout");
    assertNormalClientServed(port);
  }

  @Test
  void an_idle_flood_is_cut_and_one_address_holds_at_most_its_cap(Vertx vertx) throws Exception {
    int port = start(vertx, shortTimeouts().put("max_connections_per_address", 50));
    List<Socket> idle = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      idle.add(connect(port));
    }
    assertNormalClientServed(port);
    long deadline = System.currentTimeMillis() + CUT_WITHIN_MS;
    TestApp.eventually(java.time.Duration.ofMillis(CUT_WITHIN_MS), () -> idle.stream().allMatch(SlowClientTest::closedByServer));
    assertThat(System.currentTimeMillis()).isLessThan(deadline);
    assertNormalClientServed(port);
  }

  @Test
  void the_per_address_cap_refuses_extra_connections_and_frees_a_place_when_one_closes(Vertx vertx) throws Exception {
    // Long timeouts: only the cap can close anything here.
    int port = start(vertx, new JsonObject().put("max_connections_per_address", 5));
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      held.add(connect(port));
    }
    // Served on a held connection: the cap counts connections, not requests.
    Socket first = held.get(0);
    first.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    first.setSoTimeout(5000);
    byte[] head = new byte[12];
    assertThat(first.getInputStream().readNBytes(head, 0, 12)).isEqualTo(12);
    assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");

    Socket extra = connect(port);
    extra.setSoTimeout(5000);
    assertThat(extra.getInputStream().read()).as("the sixth connection is closed").isEqualTo(-1);
    assertThat(held.stream().noneMatch(SlowClientTest::closedByServer)).as("the five stay open").isTrue();
    assertNormalClientServed(port);

    held.get(4).close();
    TestApp.eventually(java.time.Duration.ofSeconds(10), () -> {
      try {
        RawHttp.Response response = RawHttp.send(port, "GET", "/healthz", Map.of(), null);
        return response.status() == 200;
      } catch (RuntimeException refused) {
        return false;
      }
    });
  }
}
