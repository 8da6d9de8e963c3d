package health.sihha.hie.ministry;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.Resource;

/** What the tests' fake FHIR servers (a provider's events, a ledger node) share: reading a query, answering JSON. */
public final class FakeFhirExchanges {

  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private FakeFhirExchanges() {}

  /** The decoded parameters of a raw query string (the last value of a repeated name). */
  public static Map<String, String> query(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }

  /** Answers {@code exchange} with {@code status} and {@code body} as FHIR JSON. */
  public static void respond(HttpExchange exchange, int status, Resource body) throws IOException {
    byte[] json = FHIR.newJsonParser().encodeResourceToString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
    exchange.sendResponseHeaders(status, json.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(json);
    }
  }
}
