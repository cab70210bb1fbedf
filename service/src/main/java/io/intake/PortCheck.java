package io.intake;

import io.intake.config.StartupFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The HTTP port is tried before anything starts (the embedded database, the cluster, the
 * verticles): a port in use is the commonest start-up failure, and finding it after a minute of
 * start-up, among the lines of everything that started, hid it.
 */
final class PortCheck {

  private PortCheck() {
  }

  /** @param setting how to name the port's setting in the message */
  static void free(String host, int port, String setting) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      // As Vert.x binds (SO_REUSEADDR): a port held only by TIME_WAIT connections is free for it too.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new StartupFailure("port " + port + " on " + host + " is in use or cannot be bound (" + e.getMessage()
          + "); set " + setting + " to a free one");
    }
  }
}
