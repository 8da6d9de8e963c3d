package health.sihha.hie.interceptors.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Leaves it to the container to decide when a response goes to the socket. HAPI's JSON encoder flushes its writer
 * after every boolean or number it writes (Jackson's {@code ObjectMapper.writeValue} flushes by default), so a
 * {@code $lookup} answer left the server as several HTTP chunks, each a socket write the client waited for. Behind
 * this filter the response's writer and stream ignore {@code flush()}: the container still sends its buffer
 * whenever it fills (large answers stream as before), and the rest when the response ends, with a
 * {@code Content-Length} when the whole answer fits in one buffer. {@code flushBuffer()} is not affected.
 */
public final class DeferredFlushFilter extends HttpFilter {

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    chain.doFilter(request, new DeferredFlushResponse(response));
  }

  private static final class DeferredFlushResponse extends HttpServletResponseWrapper {

    private PrintWriter writer;
    private ServletOutputStream stream;

    DeferredFlushResponse(HttpServletResponse response) {
      super(response);
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (writer == null) {
        writer = new PrintWriter(new UnflushedWriter(super.getWriter()));
      }
      return writer;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (stream == null) {
        stream = new UnflushedStream(super.getOutputStream());
      }
      return stream;
    }
  }

  private static final class UnflushedWriter extends FilterWriter {

    UnflushedWriter(Writer target) {
      super(target);
    }

    @Override
    public void flush() {
      // the container sends what is buffered when the buffer fills or the response ends
    }
  }

  private static final class UnflushedStream extends ServletOutputStream {

    private final ServletOutputStream target;

    UnflushedStream(ServletOutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      target.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      target.write(bytes, offset, length);
    }

    @Override
    public void flush() {
      // as for the writer
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
