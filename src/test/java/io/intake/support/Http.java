package io.intake.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** A small blocking HTTP client for sequential API tests (runs on the test thread). */
public final class Http implements AutoCloseable {

  private final WebClient client;
  private final int port;

  public Http(Vertx vertx, int port) {
    this.port = port;
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1")
        .setDefaultPort(port)
        .setConnectTimeout(5000)
        .setIdleTimeout(20));
  }

  public int port() {
    return port;
  }

  public HttpResponse<Buffer> get(String path) {
    return TestApp.await(client.get(path).timeout(15_000).send());
  }

  public HttpResponse<Buffer> postJson(String path, JsonObject body) {
    return TestApp.await(client.post(path).timeout(15_000).sendJsonObject(body));
  }

  public HttpResponse<Buffer> post(String path, String contentType, String body) {
    HttpRequest<Buffer> request = client.post(path).timeout(15_000);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return TestApp.await(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path) {
    return client.request(method, path).timeout(15_000);
  }

  @Override
  public void close() {
    client.close();
  }
}
