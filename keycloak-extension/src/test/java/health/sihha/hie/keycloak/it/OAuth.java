package health.sihha.hie.keycloak.it;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Plain-HTTP OAuth helpers: form posts, JSON bodies, JWT payloads. */
final class OAuth {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private OAuth() {}

  /** A response's status and JSON body. */
  record Reply(int status, Map<String, Object> body) {}

  static Reply postForm(String url, Map<String, String> form, String bearer) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> response = HTTP.send(request.build(), BodyHandlers.ofString());
    return new Reply(response.statusCode(), json(response.body()));
  }

  static Reply token(String tokenEndpoint, Map<String, String> form) throws IOException, InterruptedException {
    return postForm(tokenEndpoint, form, null);
  }

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static Map<String, Object> json(String body) throws IOException {
    return body == null || body.isBlank() ? Map.of() : JSON.readValue(body, new TypeReference<>() {});
  }

  static String toJson(Map<String, Object> value) throws IOException {
    return JSON.writeValueAsString(value);
  }

  /** The claims of a JWT (signature not checked: the tests trust their own Keycloak). */
  static Map<String, Object> claims(Object jwt) throws IOException {
    String[] parts = ((String) jwt).split("\\.");
    return json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }

  /** A claim that is a list of strings (a single string counts as a list of one). */
  static List<String> strings(Object claim) {
    if (claim instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return claim == null ? List.of() : List.of(String.valueOf(claim));
  }

  static Map<String, String> params(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }
}
