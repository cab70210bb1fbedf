package io.intake.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;

/** Where the load goes: host, port, API key; also a small client for scenario preparation. */
public record LoadTarget(Vertx vertx, String host, int port, String apiKey) {

  public static LoadTarget of(Vertx vertx, String url, String apiKey) {
    URI uri = URI.create(url);
    int port = uri.getPort() > 0 ? uri.getPort() : 80;
    return new LoadTarget(vertx, uri.getHost(), port, apiKey);
  }

  public String url() {
    return "http://" + host + ":" + port;
  }

  HttpClient client(int connections) {
    return vertx.createHttpClient(new HttpClientOptions()
            .setDefaultHost(host)
            .setDefaultPort(port)
            .setKeepAlive(true)
            .setTcpNoDelay(true)
            .setConnectTimeout(5_000),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  RequestOptions options(LoadRequest request) {
    RequestOptions options = new RequestOptions().setMethod(request.method()).setURI(request.path())
        .setTimeout(30_000);
    if (apiKey != null) {
      options.putHeader("X-API-Key", apiKey);
    }
    if (request.body() != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return options;
  }

  /** One JSON request outside the measured run (preparation, checks); fails on a non-2xx answer. */
  public Future<JsonObject> json(HttpMethod method, String path, JsonObject body) {
    HttpClient client = client(1);
    LoadRequest request = new LoadRequest(method, path, body == null ? null : body.toBuffer(), 1);
    return client.request(options(request))
        .compose(req -> request.body() == null ? req.send() : req.send(request.body()))
        .compose(resp -> resp.body().compose(b -> resp.statusCode() / 100 == 2
            ? Future.succeededFuture(b.length() == 0 ? new JsonObject() : new JsonObject(b))
            : Future.failedFuture(method + " " + path + " answered " + resp.statusCode() + ": " + b)))
        .eventually(() -> client.close());
  }

  public Future<JsonObject> get(String path) {
    return json(HttpMethod.GET, path, null);
  }
}
