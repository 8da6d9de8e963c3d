package health.sihha.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import health.sihha.bench.ingest.RequestProfile.HotFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestProfilerTest {

  private static final Duration BUSY = Duration.ofMillis(1500);

  @Test
  void countsTheRequestThreadsSamplesOfTheWindow(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tiny.jfr");
    Instant from;
    Instant to;
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      from = Instant.now();
      Thread request = new Thread(RequestProfilerTest::handleRequest, "http-nio-127.0.0.1-8081-exec-1");
      Thread background = new Thread(RequestProfilerTest::backgroundWork, "outbox-dispatcher");
      request.start();
      background.start();
      request.join();
      background.join();
      to = Instant.now();
      recording.stop();
      recording.dump(file);
    }

    // the JVM's sampler may miss a short-lived thread on a loaded machine (a CI run once recorded none): that says
    // nothing of the profiler, so the test needs the recording to hold the request thread's samples
    assumeTrue(requestSamples(file) > 0, "the recording holds no sample of the request thread");
    RequestProfile profile = RequestProfiler.read(file, from, to);

    assertThat(profile.samples()).isPositive();
    assertThat(profile.innermost()).extracting(HotFrame::frame)
        .contains(RequestProfilerTest.class.getName() + ".spin")
        .allMatch(RequestProfiler::counted);
    // every request sample holds the handler: it is the request's envelope
    assertThat(profile.envelopeFrames()).isPositive();
    assertThat(profile.inclusive()).extracting(HotFrame::frame)
        .doesNotContain(RequestProfilerTest.class.getName() + ".handleRequest")
        .doesNotContain(RequestProfilerTest.class.getName() + ".backgroundWork");
    HotFrame spin = profile.innermost().stream()
        .filter(f -> f.frame().endsWith(".spin")).findFirst().orElseThrow();
    assertThat(spin.percent()).isEqualTo(100.0 * spin.samples() / profile.samples());
    assertThat(RequestProfiler.read(file, to.plusSeconds(60), to.plusSeconds(120)).samples()).isZero();
  }

  /** The request thread's execution samples in the whole recording, read without the profiler. */
  private static long requestSamples(Path file) throws IOException {
    return RecordingFile.readAllEvents(file).stream()
        .filter(event -> event.getEventType().getName().equals("jdk.ExecutionSample"))
        .filter(event -> event.getThread("sampledThread") != null
            && event.getThread("sampledThread").getJavaName().startsWith("http-nio-"))
        .count();
  }

  private static void handleRequest() {
    spin();
  }

  private static void backgroundWork() {
    spin();
  }

  /**
   * Keeps a core busy in Java code, so that the sampler finds the thread running it: the clock is read only between
   * long runs of arithmetic, since a thread caught inside the native clock call is not an execution sample.
   */
  private static long spin() {
    long until = System.nanoTime() + BUSY.toNanos();
    long sum = 0;
    do {
      for (int i = 0; i < 1_000_000; i++) {
        sum += Long.numberOfTrailingZeros(sum + i) ^ (sum >>> 3);
      }
    } while (System.nanoTime() < until);
    return sum;
  }
}
