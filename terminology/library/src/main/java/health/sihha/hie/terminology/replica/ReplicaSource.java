package health.sihha.hie.terminology.replica;

import static java.nio.charset.StandardCharsets.UTF_8;

import ca.uhn.fhir.context.FhirContext;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ResourceType;

/**
 * The source terminology server, read over plain FHIR REST: the summaries of what it holds (no concepts), then
 * single resources in full. Responses are asked for gzipped, since a large code system is tens of megabytes of JSON.
 * A source that requires bearer tokens is sent a client-credentials token, renewed before it expires and after a 401.
 */
final class ReplicaSource {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

  private final FhirContext fhirContext;
  private final String base;
  private final HttpClient http;
  @Nullable private final ClientCredentialsToken token;

  /** A source read with {@code credentials}' tokens, or without a token when they are null. */
  ReplicaSource(FhirContext fhirContext, URI base, @Nullable ReplicaCredentials credentials) {
    this.fhirContext = fhirContext;
    String text = base.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    this.token = credentials == null ? null : new ClientCredentialsToken(http, credentials, Clock.systemUTC());
  }

  String base() {
    return base;
  }

  /** Ids, {@code meta}, url and version of every resource of {@code type} the source holds, following paging. */
  List<MetadataResource> summaries(ResourceType type) throws IOException, InterruptedException {
    List<MetadataResource> found = new ArrayList<>();
    String next = base + "/" + type.name() + "?_summary=true&_count=1000";
    while (next != null) {
      Bundle page = get(next, Bundle.class);
      for (BundleEntryComponent entry : page.getEntry()) {
        if (entry.getResource() instanceof MetadataResource resource) {
          found.add(resource);
        }
      }
      next = page.getLink(Bundle.LINK_NEXT) == null ? null : page.getLink(Bundle.LINK_NEXT).getUrl();
    }
    return found;
  }

  /** One resource in full, as the source stores it. */
  MetadataResource read(ResourceType type, String id) throws IOException, InterruptedException {
    return (MetadataResource) get(base + "/" + type.name() + "/" + id,
        fhirContext.getResourceDefinition(type.name()).getImplementingClass());
  }

  private <T extends IBaseResource> T get(String url, Class<T> type)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response = send(url);
    if (response.statusCode() == 401 && token != null) {
      // a token refused before it expired (the source restarted with new keys): once more with a new one
      response.body().close();
      response = send(url);
    }
    try (InputStream body = decoded(response)) {
      if (response.statusCode() != 200) {
        throw new IOException("GET " + url + " answered HTTP " + response.statusCode());
      }
      return fhirContext.newJsonParser().parseResource(type, new String(body.readAllBytes(), UTF_8));
    }
  }

  private HttpResponse<InputStream> send(String url) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(READ_TIMEOUT)
        .header("Accept", "application/fhir+json")
        .header("Accept-Encoding", "gzip")
        .GET();
    String bearer = token == null ? null : token.get();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<InputStream> response = http.send(request.build(), BodyHandlers.ofInputStream());
    if (response.statusCode() == 401 && bearer != null) {
      token.discard(bearer);
    }
    return response;
  }

  private static InputStream decoded(HttpResponse<InputStream> response) throws IOException {
    boolean gzipped = response.headers().firstValue("Content-Encoding")
        .map(encoding -> encoding.equalsIgnoreCase("gzip")).orElse(false);
    return gzipped ? new GZIPInputStream(response.body()) : response.body();
  }
}
