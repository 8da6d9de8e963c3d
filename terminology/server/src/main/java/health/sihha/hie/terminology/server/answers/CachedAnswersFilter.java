package health.sihha.hie.terminology.server.answers;

import static java.util.Objects.requireNonNull;

import health.sihha.hie.terminology.registry.TerminologyRegistry;
import health.sihha.hie.terminology.registry.TerminologySnapshot;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a repeated terminology read ({@code GET} of {@code $expand}, {@code $lookup}, {@code $validate-code},
 * {@code $subsumes} or {@code $translate}) with the bytes the server sent the last time, as long as the terminology
 * has not changed since: an autocomplete widget asks the same few prefixes again and again, and encoding an answer
 * costs more than finding it. The cached answer is the one HAPI produced for the same path, query and negotiation
 * headers ({@code Accept}, {@code Accept-Encoding}, {@code Accept-Language}), so a hit is byte for byte what a miss
 * would have sent, with its own {@code X-Request-ID}.
 *
 * <p>Who may read is checked first, as the server's authorization does for these operations: only a request
 * that {@code mayRead} is answered from the cache; any other goes on to the server, which refuses it as usual. Only
 * complete {@code 200} answers are kept; errors, refusals and answers computed while a load published a new
 * terminology are not.
 */
public final class CachedAnswersFilter extends HttpFilter {

  /** The log line of an answer from the cache, on the access log's logger when it is on. */
  private static final Logger ACCESS = LoggerFactory.getLogger("sihha.fhir.access");
  private static final Pattern READ_OPERATION =
      Pattern.compile("/(CodeSystem|ValueSet|ConceptMap)(/[^/]+)?/\\$(expand|lookup|validate-code|subsumes|translate)");
  private static final List<String> NEGOTIATION = List.of("Accept", "Accept-Encoding", "Accept-Language");
  private static final String REQUEST_ID = "X-Request-ID";
  private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9\\-_.]{1,64}");
  private static final char[] ID_CHARACTERS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final TerminologyRegistry registry;
  private final CachedAnswers answers;
  private final long largestAnswer;
  private final Predicate<HttpServletRequest> mayRead;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param largestAnswer the largest answer kept, in bytes
   * @param mayRead whether a request may read the terminology (a valid token, when the server requires one)
   */
  public CachedAnswersFilter(TerminologyRegistry registry, CachedAnswers answers, long largestAnswer,
      Predicate<HttpServletRequest> mayRead) {
    this.registry = requireNonNull(registry);
    this.answers = requireNonNull(answers);
    this.largestAnswer = largestAnswer;
    this.mayRead = requireNonNull(mayRead);
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!"GET".equals(request.getMethod()) || request.getPathInfo() == null
        || !READ_OPERATION.matcher(request.getPathInfo()).matches() || !mayRead.test(request)) {
      chain.doFilter(request, response);
      return;
    }
    String key = key(request);
    TerminologySnapshot snapshot = registry.snapshot();
    CachedAnswer cached = answers.get(snapshot, key);
    if (cached != null) {
      send(cached, request, response);
      return;
    }
    CapturedResponse captured = new CapturedResponse(response, largestAnswer);
    chain.doFilter(request, captured);
    // the operation read the registry's snapshot between these two reads: if both are the same, it used that one
    if (registry.snapshot() == snapshot) {
      captured.answer().ifPresent(answer -> answers.put(snapshot, key, answer));
    }
  }

  private static String key(HttpServletRequest request) {
    StringBuilder key = new StringBuilder(request.getPathInfo()).append('?');
    if (request.getQueryString() != null) {
      key.append(request.getQueryString());
    }
    for (String header : NEGOTIATION) {
      key.append('\n');
      request.getHeaders(header).asIterator().forEachRemaining(value -> key.append(value).append(','));
    }
    return key.toString();
  }

  private void send(CachedAnswer answer, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String requestId = requestId(request);
    response.setStatus(HttpServletResponse.SC_OK);
    for (Map.Entry<String, List<String>> header : answer.headers().entrySet()) {
      header.getValue().forEach(value -> response.addHeader(header.getKey(), value));
    }
    response.setHeader(REQUEST_ID, requestId);
    response.setContentLength(answer.body().length);
    response.getOutputStream().write(answer.body());
    if (ACCESS.isInfoEnabled()) {
      ACCESS.info("{} cached {}?{} GET", requestId, request.getRequestURL(), request.getQueryString());
    }
  }

  /** The client's own request id when it sent a plausible one, as HAPI keeps it, else a new one. */
  private String requestId(HttpServletRequest request) {
    String given = request.getHeader(REQUEST_ID);
    if (given != null && CLIENT_REQUEST_ID.matcher(given).matches()) {
      return given;
    }
    char[] id = new char[16];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_CHARACTERS[random.nextInt(ID_CHARACTERS.length)];
    }
    return new String(id);
  }
}
