package io.intake.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * A small blocking HTTP client for sequential API tests (runs on the test thread). Every request
 * carries {@code X-API-Key} with the shipped development key (what conf/config.json accepts), so
 * tests that are not about security need not think about it; {@link #withApiKey} changes that.
 */
public final class Http implements AutoCloseable {

  private final WebClient client;
  private final String apiKey;
  private final int port;

  public Http(Vertx vertx, int port) {
    this(vertx, port, TestApp.API_KEY);
  }

  /** @param apiKey sent as {@code X-API-Key} on every request; null sends none */
  public Http(Vertx vertx, int port, String apiKey) {
    this(WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1")
        .setDefaultPort(port)
        .setConnectTimeout(5000)
        .setIdleTimeout(20)), apiKey, port);
  }

  private Http(WebClient client, String apiKey, int port) {
    this.client = client;
    this.apiKey = apiKey;
    this.port = port;
  }

  /** The same connection pool with another key (null: none). Close only the original. */
  public Http withApiKey(String key) {
    return new Http(client, key, port);
  }

  public int port() {
    return port;
  }

  public HttpResponse<Buffer> get(String path) {
    return TestApp.await(request(HttpMethod.GET, path).send());
  }

  public HttpResponse<Buffer> postJson(String path, JsonObject body) {
    return TestApp.await(request(HttpMethod.POST, path).sendJsonObject(body));
  }

  public HttpResponse<Buffer> post(String path, String contentType, String body) {
    HttpRequest<Buffer> request = request(HttpMethod.POST, path);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return TestApp.await(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path) {
    HttpRequest<Buffer> request = client.request(method, path).timeout(15_000);
    if (apiKey != null) {
      request.putHeader("X-API-Key", apiKey);
    }
    return request;
  }

  @Override
  public void close() {
    client.close();
  }
}
