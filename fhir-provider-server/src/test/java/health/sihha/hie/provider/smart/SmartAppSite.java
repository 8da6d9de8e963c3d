package health.sihha.hie.provider.smart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The SMART test app's pages ({@code src/test/smart-app}) and fhirclient's browser build, served on a random loopback
 * port: a SMART app is just static HTML and JavaScript at an origin of its own.
 */
final class SmartAppSite implements AutoCloseable {

  private final HttpServer server;

  private SmartAppSite(HttpServer server) {
    this.server = server;
  }

  static SmartAppSite serve(Path appDir) throws IOException {
    Map<String, Path> files = Map.of(
        "/launch.html", appDir.resolve("launch.html"),
        "/app.html", appDir.resolve("app.html"),
        "/fhir-client.js", appDir.resolve("node_modules/fhirclient/build/fhir-client.js"));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        Path file = files.get(exchange.getRequestURI().getPath());
        if (file == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        send(exchange, file);
      }
    });
    server.start();
    return new SmartAppSite(server);
  }

  private static void send(HttpExchange exchange, Path file) throws IOException {
    byte[] body = Files.readAllBytes(file);
    String type = file.toString().endsWith(".js") ? "text/javascript" : "text/html";
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The URL of {@code pathAndQuery} on this site, such as {@code http://127.0.0.1:PORT/launch.html?iss=...}. */
  String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + pathAndQuery;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
