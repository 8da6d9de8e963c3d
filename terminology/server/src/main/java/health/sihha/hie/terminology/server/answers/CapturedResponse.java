package health.sihha.hie.terminology.server.answers;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A response on its way to the client, with a copy of what was written kept aside, so that a complete {@code 200}
 * answer can be cached. Nothing is held back: every write goes on to the client as it comes.
 */
final class CapturedResponse extends HttpServletResponseWrapper {

  /** Headers of one response only, which a cached answer does not repeat. */
  static final Set<String> PER_REQUEST_HEADERS =
      Set.of("x-request-id", "date", "content-length", "transfer-encoding", "connection", "keep-alive");

  private final HttpServletResponse response;
  private final long limit;
  private final StringBuilder text = new StringBuilder();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private PrintWriter writer;
  private ServletOutputStream stream;
  private boolean cacheable = true;

  /** @param limit the most bytes copied; a larger answer is not cached */
  CapturedResponse(HttpServletResponse response, long limit) {
    super(response);
    this.response = response;
    this.limit = limit;
  }

  /** The answer as sent, if it was a complete {@code 200} small enough to keep. */
  Optional<CachedAnswer> answer() {
    if (!cacheable || response.getStatus() != SC_OK || writer != null && stream != null) {
      return Optional.empty();
    }
    byte[] body = writer != null
        ? text.toString().getBytes(Charset.forName(response.getCharacterEncoding()))
        : bytes.toByteArray();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : response.getHeaderNames()) {
      String lowerCase = name.toLowerCase(Locale.ROOT);
      // text is kept as written: the container compresses it again when it is sent again
      boolean compressedByTheContainer = writer != null && lowerCase.equals("content-encoding");
      if (!PER_REQUEST_HEADERS.contains(lowerCase) && !compressedByTheContainer) {
        headers.put(name, List.copyOf(response.getHeaders(name)));
      }
    }
    return Optional.of(new CachedAnswer(body, headers));
  }

  @Override
  public void sendError(int status, String message) throws IOException {
    cacheable = false;
    super.sendError(status, message);
  }

  @Override
  public void sendError(int status) throws IOException {
    cacheable = false;
    super.sendError(status);
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    cacheable = false;
    super.sendRedirect(location);
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (writer == null) {
      writer = new PrintWriter(new CopyingWriter(super.getWriter()));
    }
    return writer;
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (stream == null) {
      stream = new CopyingStream(super.getOutputStream());
    }
    return stream;
  }

  private boolean room(int more) {
    if (cacheable && text.length() + bytes.size() + (long) more > limit) {
      cacheable = false;
      text.setLength(0);
      bytes.reset();
    }
    return cacheable;
  }

  private final class CopyingWriter extends FilterWriter {

    CopyingWriter(Writer target) {
      super(target);
    }

    @Override
    public void write(int c) throws IOException {
      super.write(c);
      if (room(1)) {
        text.append((char) c);
      }
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      super.write(chars, offset, length);
      if (room(length)) {
        text.append(chars, offset, length);
      }
    }

    @Override
    public void write(String value, int offset, int length) throws IOException {
      super.write(value, offset, length);
      if (room(length)) {
        text.append(value, offset, offset + length);
      }
    }
  }

  private final class CopyingStream extends ServletOutputStream {

    private final ServletOutputStream target;

    CopyingStream(ServletOutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      target.write(b);
      if (room(1)) {
        bytes.write(b);
      }
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
      target.write(data, offset, length);
      if (room(length)) {
        bytes.write(data, offset, length);
      }
    }

    @Override
    public void flush() throws IOException {
      target.flush();
    }

    @Override
    public void close() throws IOException {
      target.close();
    }

    @Override
    public boolean isReady() {
      return target.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      target.setWriteListener(listener);
    }
  }
}
