package io.intake.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection: the request target and headers go on
 * the wire exactly as given (no client normalizes {@code //stats} or {@code /%73tats}), which is
 * what path-spelling and slow-client tests need.
 */
public final class RawHttp {

  public record Response(int status, String head, String body) {
  }

  private RawHttp() {
  }

  public static Response send(int port, String method, String target, Map<String, String> headers, byte[] body) {
    return send(null, port, method, target, headers, body);
  }

  /** @param from the local address to connect from (e.g. 127.0.0.2: another client address on loopback); null: any */
  public static Response send(String from, int port, String method, String target, Map<String, String> headers,
      byte[] body) {
    try (Socket socket = new Socket()) {
      if (from != null) {
        socket.bind(new InetSocketAddress(from, 0));
      }
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(30_000);
      StringBuilder head = new StringBuilder()
          .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
          .append("Host: 127.0.0.1:").append(port).append("\r\n")
          .append("Connection: close\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + target, e);
    }
  }

  /** Reads one response until the server closes the connection. */
  public static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int split = text.indexOf("\r\n\r\n");
    if (split < 0) {
      throw new IOException("no complete response: " + text);
    }
    String head = text.substring(0, split);
    int status = Integer.parseInt(head.substring(9, 12));
    return new Response(status, head, text.substring(split + 4));
  }
}
