package health.sihha.hie.ministry.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import health.sihha.hie.interceptors.ledger.canonical.ResourceCanonicalizer;
import health.sihha.hie.interceptors.ledger.canonical.ResourceHasher;
import health.sihha.hie.ministry.MinistryServerTest;
import health.sihha.hie.interceptors.consent.ConsentDirectives;
import health.sihha.hie.ministry.ingest.Notifications;
import health.sihha.hie.server.testing.PrivacyConsents;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code $reconcile} compares the provider's history with what the ministry applied, and repairs the difference. */
class ReconciliationTest extends MinistryServerTest {

  private static final String SALTED = "00".repeat(32);

  private static FakeProvider provider;

  @BeforeAll
  static void startProvider() throws Exception {
    provider = new FakeProvider();
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @Test
  void missingOutdatedDeletedAndExpungedResourcesAreRepaired() {
    Patient outdated = patient("Outdated");
    Patient missing = patient("Missing");
    Patient deleted = patient("Deleted");
    Patient expunged = patient("Expunged");
    Patient current = patient("Current");
    String subscription = "reconcile-" + UUID.randomUUID().toString().substring(0, 8);
    deliver("provider-fake", Notifications.from(FakeProvider.BASE, subscription)
        .written(1, outdated, 1).written(2, deleted, 1).written(3, expunged, 1).written(4, current, 1).bundle());
    Patient newer = outdated.copy();
    newer.getNameFirstRep().setFamily("Newer");
    provider.holds(newer, 2);
    provider.holds(missing, 1);
    provider.holdsDeleted("Patient", deleted.getIdElement().getIdPart(), 2);
    provider.holds(current, 1);

    ParametersParameterComponent patients = reconcilePatients();
    assertThat(count(patients, "missing")).isEqualTo(1);
    assertThat(count(patients, "outdated")).isEqualTo(1);
    assertThat(count(patients, "removed")).isGreaterThanOrEqualTo(2);
    assertThat(count(patients, "failed")).isZero();
    assertThat(national(outdated).getNameFirstRep().getFamily()).isEqualTo("Newer");
    assertThat(national(missing).getNameFirstRep().getFamily()).isEqualTo("Missing");
    assertThat(national(current).getNameFirstRep().getFamily()).isEqualTo("Current");
    assertThatThrownBy(() -> national(deleted)).isInstanceOf(ResourceGoneException.class);
    assertThatThrownBy(() -> national(expunged)).isInstanceOf(ResourceGoneException.class);

    Parameters status = nationalStore().operation().onServer().named("$reconcile-status").withNoParameters(
        Parameters.class).useHttpGet().execute();
    assertThat(status.getParameter()).anySatisfy(p -> assertThat(p.getPart()).anySatisfy(part ->
        assertThat(part.getValue().primitiveValue()).isEqualTo("provider-fake")));
  }

  @Test
  void aVersionWhoseContentChangedInPlaceAtTheProviderIsReportedNotCopied() {
    Patient kept = patient("Kept");
    Patient rewritten = patient("Written");
    String subscription = "reconcile-" + UUID.randomUUID().toString().substring(0, 8);
    deliver("provider-fake", Notifications.from(FakeProvider.BASE, subscription)
        .written(1, kept, 1).hashed(SALTED, unsalted(kept))
        .written(2, rewritten, 1).hashed(SALTED, unsalted(rewritten)).bundle());
    Patient inPlace = rewritten.copy();
    inPlace.getNameFirstRep().setFamily("Rewritten-In-Place");
    provider.holds(kept, 1);
    provider.holds(inPlace, 1);

    ParametersParameterComponent patients = reconcilePatients();
    assertThat(count(patients, "altered")).isEqualTo(1);
    assertThat(patients.getPart()).filteredOn(p -> "altered-version".equals(p.getName()))
        .extracting(p -> p.getValue().primitiveValue())
        .containsExactly("Patient/" + rewritten.getIdElement().getIdPart() + "/_history/1");
    assertThat(national(rewritten).getNameFirstRep().getFamily()).as("not copied").isEqualTo("Written");
    assertThat(national(kept).getNameFirstRep().getFamily()).isEqualTo("Kept");
  }

  /**
   * After an opt-out the provider leaves the patient out of the ministry's history pages, and the national Patient is
   * the empty record the Consent refers to: reconciliation leaves it, run after run, rather than deleting it.
   */
  @Test
  void theEmptyRecordOfAPatientWhoOptedOutIsLeftAlone() {
    Patient optingOut = patient("Opting-Out");
    String patientId = optingOut.getIdElement().getIdPart();
    Consent optOut = PrivacyConsents.denying(patientId, ConsentDirectives.MINISTRY);
    optOut.setId("Consent/" + UUID.randomUUID());
    String subscription = "reconcile-" + UUID.randomUUID().toString().substring(0, 8);
    deliver("provider-fake", Notifications.from(FakeProvider.BASE, subscription)
        .written(1, optingOut, 1).written(2, optOut, 1).bundle());
    assertThat(national(optingOut).hasName()).as("withdrawn").isFalse();

    for (int run = 1; run <= 2; run++) {
      ParametersParameterComponent patients = reconcilePatients();
      assertThat(count(patients, "failed")).as("run " + run).isZero();
      assertThat(national(optingOut).getIdElement().getVersionIdPartAsLong()).as("run " + run).isEqualTo(2);
    }
  }

  private static String unsalted(Patient resource) {
    return ResourceHasher.unsaltedHash(ResourceCanonicalizer.r4(FakeProvider.BASE).canonicalBytes(resource)).toHex();
  }

  /** {@code $reconcile} of the fake provider's Patients; its result. */
  private ParametersParameterComponent reconcilePatients() {
    Parameters result = nationalStore().operation().onServer().named("$reconcile")
        .withParameter(Parameters.class, "provider", new StringType("provider-fake"))
        .andParameter("type", new CodeType("Patient")).execute();
    return result.getParameter().stream().filter(p -> "reconciliation".equals(p.getName())).findFirst()
        .orElseThrow();
  }

  private Patient national(Patient source) {
    return nationalStore().read().resource(Patient.class)
        .withId("provider-fake." + source.getIdElement().getIdPart()).execute();
  }

  private static int count(ParametersParameterComponent result, String name) {
    return result.getPart().stream().filter(p -> name.equals(p.getName())).findFirst()
        .map(p -> ((IntegerType) p.getValue()).getValue()).orElseThrow();
  }

  private static Patient patient(String family) {
    Patient patient = new Patient();
    patient.setId("Patient/" + UUID.randomUUID());
    patient.addName().setFamily(family);
    return patient;
  }
}
