package health.sihha.hie.interceptors.cpabe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException.Reason;
import health.sihha.hie.interceptors.cpabe.envelope.SealContext;
import health.sihha.hie.interceptors.cpabe.scheme.MasterKey;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A sealed national resource, opened in the app with a user key delivered wrapped to the app's key. */
class SealedResourcesTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final String POLICY = "role:physician and facility:provider-a";
  private static final CpAbe ABE = new CpAbe();
  private static MasterKey master;

  @BeforeAll
  static void setUp() {
    master = ABE.setup();
  }

  /** The clear projection with the envelope of the whole resource, as the ministry stores it. */
  static Observation sealed(Observation plain, String policy, long epoch) {
    SealContext context = new SealContext("Observation", "obs-7", "2", policy);
    byte[] envelope = ABE.seal(master, policy, epoch,
        FHIR.newJsonParser().encodeResourceToString(plain).getBytes(StandardCharsets.UTF_8), context);
    Observation projection = new Observation();
    projection.setId("Observation/provider-a-obs-7");
    projection.getMeta().setSource("http://127.0.0.1:8081/fhir/Observation/obs-7/_history/2");
    projection.setStatus(plain.getStatus());
    projection.addExtension(SealedResources.SEALED_CONTENT, new Base64BinaryType(envelope));
    return projection;
  }

  private static Observation plain() {
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.getCode().setText("HIV viral load");
    return observation;
  }

  private static UserKey delivered(List<String> attributes, long epoch) {
    AppKeyPair app = AppKeyPair.generate();
    UserKey issued = ABE.keyGen(master, "user-1", attributes, epoch);
    byte[] wrapped = UserKeyWrap.wrap(issued, (ECPublicKey) app.keyPair().getPublic(), new SecureRandom());
    return UserKeyWrap.unwrap(app, "user-1", epoch, wrapped);
  }

  @Test
  void theRightAttributesOpenTheSealedResource() {
    Observation sealed = sealed(plain(), POLICY, 1);
    assertThat(SealedResources.isSealed(sealed)).isTrue();
    assertThat(SealedResources.contextOf(sealed))
        .isEqualTo(new SealContext("Observation", "obs-7", "2", "role:physician and facility:provider-a"));
    Resource opened = new SealedResources(FHIR).open(sealed, delivered(List.of("role:physician",
        "facility:provider-a", "region:north"), 1));
    assertThat(((Observation) opened).getCode().getText()).isEqualTo("HIV viral load");
  }

  @Test
  void wrongAttributesOrAnotherEpochFail() {
    Observation sealed = sealed(plain(), POLICY, 1);
    SealedResources resources = new SealedResources(FHIR);
    assertThatThrownBy(() -> resources.open(sealed, delivered(List.of("role:nurse", "facility:provider-a"), 1)))
        .isInstanceOfSatisfying(EnvelopeOpenException.class, e -> assertThat(e.reason()).isEqualTo(
            Reason.NOT_SATISFIED));
    assertThatThrownBy(() -> resources.open(sealed, delivered(List.of("role:physician", "facility:provider-a"), 2)))
        .isInstanceOfSatisfying(EnvelopeOpenException.class, e -> assertThat(e.reason()).isEqualTo(
            Reason.WRONG_EPOCH));
  }

  @Test
  void anEnvelopeMovedToAnotherResourceOrVersionFails() {
    Observation sealed = sealed(plain(), POLICY, 1);
    sealed.getMeta().setSource("http://127.0.0.1:8081/fhir/Observation/obs-7/_history/3");
    assertThatThrownBy(() -> new SealedResources(FHIR).open(sealed, delivered(List.of("role:physician",
        "facility:provider-a"), 1))).isInstanceOf(EnvelopeOpenException.class);
  }

  @Test
  void aResourceWithoutEnvelopeOrSourceIsRefused() {
    assertThatThrownBy(() -> SealedResources.contextOf(plain())).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("SIHHA-1577");
    Observation sealed = sealed(plain(), POLICY, 1);
    sealed.getMeta().setSource("http://127.0.0.1:8081/fhir/Patient/obs-7/_history/2");
    assertThat(SealedResources.contextOf(sealed)).as("a ministry record: its national id")
        .isEqualTo(new SealContext("Observation", "provider-a-obs-7", SealedResources.OWN_VERSION, POLICY));
    sealed.setIdElement(null);
    assertThatThrownBy(() -> SealedResources.contextOf(sealed)).hasMessageContaining("SIHHA-1577");
  }
}
