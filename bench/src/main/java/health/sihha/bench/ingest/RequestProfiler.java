package health.sihha.bench.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a provider's JDK Flight Recorder file: the execution samples of its request threads (Tomcat's
 * {@code http-nio-*}) within a time window, counted by HAPI and Sihha frame.
 */
final class RequestProfiler {

  static final String REQUEST_THREADS = "http-nio-";
  /** HAPI's own packages, the HL7 core it validates and models with, and Sihha's. */
  static final List<String> COUNTED_PACKAGES = List.of("ca.uhn.fhir.", "org.hl7.fhir.", "health.sihha.");
  static final int TOP_FRAMES = 15;

  private static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
  /** A lambda's hidden class: {@code Outer$$Lambda$3735+0x00007f41b17e5b08.166017013}, numbered per JVM. */
  private static final Pattern LAMBDA = Pattern.compile("\\$\\$Lambda\\$.*$");

  private RequestProfiler() {}

  /** The request threads' top frames between {@code from} and {@code to}, in both views. */
  static RequestProfile read(Path recording, Instant from, Instant to) {
    HotFrames frames = new HotFrames(RequestProfiler::counted);
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        if (isRequestSample(event, from, to)) {
          RecordedStackTrace stack = event.getStackTrace();
          frames.add(stack.getFrames().stream().filter(RecordedFrame::isJavaFrame).map(RequestProfiler::name)
              .toList(), stack.isTruncated());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the flight recording " + recording, e);
    }
    return frames.profile(TOP_FRAMES);
  }

  static boolean counted(String frame) {
    return COUNTED_PACKAGES.stream().anyMatch(frame::startsWith);
  }

  private static boolean isRequestSample(RecordedEvent event, Instant from, Instant to) {
    if (!event.getEventType().getName().equals(EXECUTION_SAMPLE) || event.getStackTrace() == null
        || event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
      return false;
    }
    RecordedThread thread = event.getThread("sampledThread");
    return thread != null && thread.getJavaName() != null && thread.getJavaName().startsWith(REQUEST_THREADS);
  }

  /** {@code package.Class.method}, a lambda's generated class named {@code Outer$$Lambda} in every JVM. */
  static String name(RecordedFrame frame) {
    return LAMBDA.matcher(frame.getMethod().getType().getName()).replaceFirst("\\$\\$Lambda") + "."
        + frame.getMethod().getName();
  }
}
