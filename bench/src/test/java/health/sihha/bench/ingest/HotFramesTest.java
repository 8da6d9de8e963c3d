package health.sihha.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.bench.ingest.RequestProfile.HotFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotFramesTest {

  @Test
  void countsEachFrameOncePerSampleAndOnlyTheCountedOnes() {
    HotFrames frames = new HotFrames(RequestProfiler::counted);
    // leaf first, as JFR gives them; the validator recurses
    frames.add(List.of("org.hl7.fhir.validation.Validator.check", "org.hl7.fhir.validation.Validator.check",
        "ca.uhn.fhir.rest.server.RestfulServer.service", "org.apache.catalina.Valve.invoke"), false);
    frames.add(List.of("health.sihha.hie.Ledger.append", "ca.uhn.fhir.rest.server.RestfulServer.service"), true);
    frames.add(List.of("java.lang.Thread.run"), false);

    RequestProfile profile = frames.top(10);

    assertThat(profile.samples()).isEqualTo(3);
    assertThat(profile.truncatedStacks()).isEqualTo(1);
    assertThat(profile.frames()).containsExactly(
        new HotFrame("ca.uhn.fhir.rest.server.RestfulServer.service", 2, 200.0 / 3),
        new HotFrame("health.sihha.hie.Ledger.append", 1, 100.0 / 3),
        new HotFrame("org.hl7.fhir.validation.Validator.check", 1, 100.0 / 3));
  }

  @Test
  void keepsTheTopFrames() {
    HotFrames frames = new HotFrames(frame -> true);
    frames.add(List.of("a.A.x", "a.A.y"), false);
    frames.add(List.of("a.A.y"), false);

    assertThat(frames.top(1).frames()).extracting(HotFrame::frame).containsExactly("a.A.y");
    assertThat(new HotFrames(frame -> true).top(5).frames()).isEmpty();
  }
}
