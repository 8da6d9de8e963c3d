package health.sihha.hie.provider.aggregation.outbox;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.Constants;
import health.sihha.hie.provider.aggregation.MinistryTokens;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Posts notifications to the Subscription's rest-hook endpoint, with a fresh token of this provider's client when
 * the ministry requires one, and reads the batch-response.
 */
final class MinistryChannel {

  /** What came back: per event in the notification's order, or the reason the whole notification failed. */
  record Answer(@Nullable List<EventAnswer> events, @Nullable String failure) {

    static Answer failed(String reason) {
      return new Answer(null, reason);
    }

    boolean ok() {
      return failure == null;
    }
  }

  /** One batch-response entry: the HTTP status of applying the event and, when rejected, why. */
  record EventAnswer(int status, String outcome) {}

  private final FhirContext fhirContext;
  private final URI endpoint;
  private final Duration timeout;
  @Nullable private final MinistryTokens tokens;
  private final HttpClient http;

  MinistryChannel(FhirContext fhirContext, URI endpoint, Duration timeout, @Nullable MinistryTokens tokens) {
    this.fhirContext = requireNonNull(fhirContext);
    this.endpoint = requireNonNull(endpoint);
    this.timeout = requireNonNull(timeout);
    this.tokens = tokens;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  URI endpoint() {
    return endpoint;
  }

  /**
   * Posts {@code notification}, which carries {@code events} notification-events. A handshake or heartbeat (no
   * events) is answered by any {@code 2xx}; events need a {@code 200} batch-response with one entry each.
   */
  Answer post(Bundle notification, int events) {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
        .header(Constants.HEADER_CONTENT_TYPE, Constants.CT_FHIR_JSON_NEW)
        .header(Constants.HEADER_ACCEPT, Constants.CT_FHIR_JSON_NEW)
        .POST(HttpRequest.BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(notification)));
    HttpResponse<String> response;
    try {
      if (tokens != null) {
        request.header(Constants.HEADER_AUTHORIZATION, Constants.HEADER_AUTHORIZATION_VALPREFIX_BEARER + tokens.fetch());
      }
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | MinistryTokens.TokenUnavailableException e) {
      return Answer.failed(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.failed("interrupted");
    }
    if (events == 0 && response.statusCode() / 100 == 2) {
      return new Answer(List.of(), null);
    }
    if (response.statusCode() != 200) {
      return Answer.failed(endpoint + " answered " + response.statusCode());
    }
    return read(response.body(), events);
  }

  private Answer read(String body, int events) {
    Bundle answer;
    try {
      answer = fhirContext.newJsonParser().parseResource(Bundle.class, body);
    } catch (DataFormatException e) {
      return Answer.failed(endpoint + " answered no Bundle: " + e.getMessage());
    }
    if (answer.getType() != BundleType.BATCHRESPONSE || answer.getEntry().size() != events) {
      return Answer.failed(endpoint + " answered a " + answer.getType() + " of " + answer.getEntry().size()
          + " entries, not a batch-response of " + events);
    }
    List<EventAnswer> answers = new ArrayList<>();
    for (Bundle.BundleEntryComponent entry : answer.getEntry()) {
      answers.add(new EventAnswer(statusOf(entry.getResponse().getStatus()), outcome(entry)));
    }
    return new Answer(answers, null);
  }

  /** {@code "200"} or {@code "200 OK"}; anything unreadable counts as a server error, so it is retried. */
  private static int statusOf(String status) {
    String code = status == null ? "" : status.trim().split(" ", 2)[0];
    try {
      return Integer.parseInt(code);
    } catch (NumberFormatException e) {
      return 500;
    }
  }

  private static String outcome(Bundle.BundleEntryComponent entry) {
    String status = entry.getResponse().getStatus();
    if (entry.getResponse().getOutcome() instanceof OperationOutcome outcome && outcome.hasIssue()) {
      return status + ": " + outcome.getIssueFirstRep().getDiagnostics();
    }
    return status;
  }
}
