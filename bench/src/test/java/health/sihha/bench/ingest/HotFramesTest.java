package health.sihha.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.bench.ingest.RequestProfile.HotFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotFramesTest {

  private static final String SERVICE = "ca.uhn.fhir.rest.server.RestfulServer.service";
  private static final String VALIDATE = "org.hl7.fhir.validation.Validator.check";
  private static final String APPEND = "health.sihha.hie.Ledger.append";
  private static final String STORE = "ca.uhn.fhir.jpa.dao.Dao.store";

  @Test
  void countsEachFrameOncePerSampleInclusivelyAndTheInnermostOnce() {
    HotFrames frames = new HotFrames(RequestProfiler::counted);
    // innermost first, as JFR gives them; the validator recurses; JDK and Tomcat frames are not counted
    frames.add(List.of("java.util.HashMap.get", VALIDATE, VALIDATE, SERVICE, "org.apache.catalina.Valve.invoke"),
        false);
    frames.add(List.of(APPEND, STORE, SERVICE), true);
    frames.add(List.of(STORE, SERVICE), false);
    frames.add(List.of("java.lang.Thread.sleep"), false);

    RequestProfile profile = frames.profile(10);

    assertThat(profile.samples()).isEqualTo(4);
    assertThat(profile.truncatedStacks()).isEqualTo(1);
    assertThat(profile.envelopeFrames()).isZero();
    assertThat(profile.inclusive()).containsExactly(
        new HotFrame(SERVICE, 3, 75.0), new HotFrame(STORE, 2, 50.0), new HotFrame(APPEND, 1, 25.0),
        new HotFrame(VALIDATE, 1, 25.0));
    assertThat(profile.innermost()).containsExactly(
        new HotFrame(STORE, 1, 25.0), new HotFrame(APPEND, 1, 25.0), new HotFrame(VALIDATE, 1, 25.0));
  }

  @Test
  void leavesTheEnvelopeOfEveryRequestOutOfTheInclusiveView() {
    HotFrames frames = new HotFrames(frame -> true);
    for (int i = 0; i < 15; i++) {
      frames.add(List.of(STORE, SERVICE), false);
    }
    for (int i = 0; i < 5; i++) {
      frames.add(List.of(VALIDATE, SERVICE), false);
    }

    RequestProfile profile = frames.profile(10);

    assertThat(profile.envelopeFrames()).isEqualTo(1);
    assertThat(profile.inclusive()).extracting(HotFrame::frame).containsExactly(STORE, VALIDATE);
    assertThat(profile.innermost()).extracting(HotFrame::frame).containsExactly(STORE, VALIDATE);
  }

  @Test
  void listsACallerAndTheCalleesItPassesThroughToOnce() {
    HotFrames frames = new HotFrames(frame -> true);
    for (int i = 0; i < 3; i++) {
      frames.add(List.of(STORE, "ca.uhn.fhir.jpa.dao.Dao$$Lambda.doInTransaction", "ca.uhn.fhir.jpa.dao.Dao.create"),
          false);
    }
    frames.add(List.of(VALIDATE), false);

    assertThat(frames.profile(10).inclusive()).extracting(HotFrame::frame)
        .containsExactly("ca.uhn.fhir.jpa.dao.Dao$$Lambda.doInTransaction", VALIDATE);
  }

  @Test
  void keepsTheTopFrames() {
    HotFrames frames = new HotFrames(frame -> true);
    frames.add(List.of("a.A.x", "a.A.y"), false);
    frames.add(List.of("a.A.y"), false);
    frames.add(List.of("a.A.z"), false);

    assertThat(frames.profile(1).inclusive()).extracting(HotFrame::frame).containsExactly("a.A.y");
    assertThat(new HotFrames(frame -> true).profile(5).inclusive()).isEmpty();
  }
}
