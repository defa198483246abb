package io.applyflow.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * The form-engine fixtures ({@code src/test/resources/widgets/}: plain HTML pages and their {@code widgets.js}) served
 * over real HTTP on 127.0.0.1, for the engine's tests and benchmark.
 */
public final class WidgetFixtures implements AutoCloseable {
  private final HttpServer server;

  private WidgetFixtures(HttpServer server) {
    this.server = server;
  }

  public static WidgetFixtures start() {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/widgets/", exchange -> {
      String name = exchange.getRequestURI().getPath().substring("/widgets/".length());
      try (InputStream in = name.matches("[a-z-]+\\.(html|js)")
          ? WidgetFixtures.class.getResourceAsStream("/widgets/" + name) : null) {
        if (in == null) {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
          return;
        }
        byte[] body = in.readAllBytes();
        exchange.getResponseHeaders().set("Content-Type",
            (name.endsWith(".js") ? "text/javascript" : "text/html") + "; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      }
    });
    server.start();
    return new WidgetFixtures(server);
  }

  /** The URL of a fixture page, e.g. {@code comboboxes.html}. */
  public String url(String fixture) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/widgets/" + fixture;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
