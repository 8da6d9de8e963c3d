package health.sihha.bench.terminology;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.annotation.Nullable;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client of the benchmark, the same for both servers: Apache HttpClient 5, blocking, HTTP/1.1 with
 * keep-alive (a pooled connection per client thread), JSON, no compression asked for. Its CPU time is reported with
 * each window: at thousands of small requests a second it shares the 2 cores with the server, and the JDK's
 * {@code java.net.http} client used about twice as much CPU per request. A server that requires tokens gets a
 * bearer token with every request.
 */
final class FhirHttp {

  static final String FHIR_JSON = "application/fhir+json";
  private static final Timeout TIMEOUT = Timeout.of(10, TimeUnit.MINUTES);
  private static final int MAX_CONNECTIONS = 64;

  /** A response: its status and its body, read in full. */
  record Answer(int statusCode, String body) {}

  private final CloseableHttpClient client = HttpClients.custom()
      .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
          .setMaxConnPerRoute(MAX_CONNECTIONS)
          .setMaxConnTotal(MAX_CONNECTIONS)
          .setDefaultConnectionConfig(ConnectionConfig.custom()
              .setConnectTimeout(Timeout.ofSeconds(10))
              .setSocketTimeout(TIMEOUT)
              .build())
          .build())
      .disableContentCompression()
      .disableCookieManagement()
      .disableAutomaticRetries()
      .build();
  private final String base;
  private final @Nullable Supplier<String> token;

  /** @param token the bearer token to send, or null for a server that takes requests without one */
  FhirHttp(String base, @Nullable Supplier<String> token) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.token = token;
  }

  String base() {
    return base;
  }

  /** A URI on this server, from a path relative to the FHIR base with its query already encoded. */
  URI uri(String relative) {
    return URI.create(base + "/" + relative);
  }

  Answer get(URI uri) {
    return send(new HttpUriRequestBase("GET", uri));
  }

  Answer send(String method, String relative, String json) {
    HttpUriRequestBase request = new HttpUriRequestBase(method, uri(relative));
    request.setEntity(new StringEntity(json, ContentType.create(FHIR_JSON, UTF_8)));
    return send(request);
  }

  private Answer send(HttpUriRequestBase request) {
    request.setHeader("Accept", FHIR_JSON);
    if (token != null) {
      request.setHeader("Authorization", "Bearer " + token.get());
    }
    try {
      return client.execute(request,
          response -> new Answer(response.getCode(), EntityUtils.toString(response.getEntity(), UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException(request.getMethod() + " " + request.getRequestUri() + " failed: " + e, e);
    }
  }
}
