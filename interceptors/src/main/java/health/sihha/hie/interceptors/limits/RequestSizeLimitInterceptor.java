package health.sihha.hie.interceptors.limits;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Refuses request bodies larger than a fixed limit with 413, before HAPI parses them.
 *
 * <p>A declared {@code Content-Length} over the limit is refused without reading. A chunked body is read up to the
 * limit and refused as soon as it passes it, so an unbounded upload never sits whole in memory. A gzip body is
 * limited both on the wire and once inflated. The bytes read are handed to HAPI through
 * {@link RequestDetails#setRequestContents(byte[])}, so the body is read once.
 */
@Interceptor(order = HieOrder.REQUEST_LIMITS)
public final class RequestSizeLimitInterceptor {

  private static final int CHUNK = 64 * 1024;

  private final long maxBytes;

  public RequestSizeLimitInterceptor(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean limitBody(RequestDetails requestDetails, HttpServletRequest request) {
    requireNonNull(requestDetails);
    if (!carriesBody(request.getMethod())) {
      return true;
    }
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge(declared + " bytes declared");
    }
    try {
      byte[] wire = readAtMost(request.getInputStream());
      requestDetails.setRequestContents(isGzip(request) ? inflate(wire) : wire);
    } catch (IOException e) {
      throw new InternalErrorException(Codes.of(1002) + "could not read the request body", e);
    }
    return true;
  }

  private static boolean carriesBody(String method) {
    return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
  }

  private static boolean isGzip(HttpServletRequest request) {
    String encoding = request.getHeader(Constants.HEADER_CONTENT_ENCODING);
    return encoding != null && encoding.toLowerCase().contains("gzip");
  }

  private byte[] inflate(byte[] gzipped) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return readAtMost(in);
    } catch (ZipException e) {
      throw new InvalidRequestException(Codes.of(1003) + "Content-Encoding is gzip but the body is not: " + e.getMessage());
    }
  }

  private byte[] readAtMost(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[CHUNK];
    long total = 0;
    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
      total += n;
      if (total > maxBytes) {
        throw tooLarge("more than " + maxBytes + " bytes sent");
      }
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }

  private PayloadTooLargeException tooLarge(String what) {
    return new PayloadTooLargeException(Codes.of(1001) + "request body too large (" + what + "); this server accepts at most "
        + maxBytes + " bytes: split the Bundle into smaller transactions");
  }
}
