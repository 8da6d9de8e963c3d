package health.sihha.hie.provider.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Plain HTTP to a FHIR base with a bearer token, so the ITs see statuses, headers and bodies as a client does. */
public final class FhirRequests {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String base;

  public FhirRequests(String base) {
    this.base = base;
  }

  /** {@code GET base + path}, with the token when not null and the extra request headers. */
  public HttpResponse<String> get(String path, String token, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = request(path, token);
    headers.forEach(request::header);
    return HTTP.send(request.GET().build(), BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path, String token) throws Exception {
    return get(path, token, Map.of());
  }

  public HttpResponse<String> post(String path, IBaseResource resource, String token) throws Exception {
    return post(path, resource, token, Map.of());
  }

  /** {@code POST base + path} of {@code resource}, with the extra request headers (e.g. {@code If-None-Exist}). */
  public HttpResponse<String> post(String path, IBaseResource resource, String token, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request = request(path, token).header("Content-Type", "application/fhir+json");
    headers.forEach(request::header);
    return HTTP.send(request.POST(BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(resource)))
        .build(), BodyHandlers.ofString());
  }

  public HttpResponse<String> put(String path, IBaseResource resource, String token) throws Exception {
    return HTTP.send(request(path, token).header("Content-Type", "application/fhir+json")
        .PUT(BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(resource))).build(),
        BodyHandlers.ofString());
  }

  /** The id of what a create stored, after checking that it answered 201. */
  public static String created(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JsonPath.read(response.body(), "$.id");
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/fhir+json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }
}
