package health.sihha.hie.interceptors.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class DeferredFlushFilterTest {

  @Test
  void theWriterFlushesDoNotCommitTheResponseButItsWholeTextArrives() throws Exception {
    AtomicBoolean committedWhileWriting = new AtomicBoolean();
    MockHttpServletResponse response = run(new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse answer) throws IOException {
        PrintWriter writer = answer.getWriter();
        writer.write("{\"result\":");
        writer.flush();
        writer.write("true}");
        writer.flush();
        committedWhileWriting.set(answer.isCommitted());
      }
    });

    assertThat(committedWhileWriting).isFalse();
    assertThat(response.getContentAsString()).isEqualTo("{\"result\":true}");
  }

  @Test
  void theStreamFlushesDoNotCommitTheResponseButItsWholeContentArrives() throws Exception {
    AtomicBoolean committedWhileWriting = new AtomicBoolean();
    MockHttpServletResponse response = run(new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse answer) throws IOException {
        answer.getOutputStream().write("gz".getBytes(UTF_8));
        answer.getOutputStream().flush();
        committedWhileWriting.set(answer.isCommitted());
        answer.getOutputStream().close();
      }
    });

    assertThat(committedWhileWriting).isFalse();
    assertThat(response.getContentAsString()).isEqualTo("gz");
  }

  @Test
  void anExplicitFlushBufferStillCommits() throws Exception {
    MockHttpServletResponse response = run(new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse answer) throws IOException {
        answer.getWriter().write("partial");
        answer.flushBuffer();
      }
    });

    assertThat(response.isCommitted()).isTrue();
  }

  private static MockHttpServletResponse run(HttpServlet servlet) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/CodeSystem/$lookup");
    MockHttpServletResponse response = new MockHttpServletResponse();
    new DeferredFlushFilter().doFilter(request, response, new MockFilterChain(servlet));
    return response;
  }
}
