package health.sihha.hie.provider.aggregation.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.hie.interceptors.ledger.canonical.NodeSalt;
import health.sihha.hie.interceptors.ledger.canonical.ResourceCanonicalizer;
import health.sihha.hie.interceptors.ledger.canonical.ResourceDigest;
import health.sihha.hie.interceptors.ledger.canonical.ResourceHasher;
import health.sihha.hie.interceptors.ledger.canonical.VersionHashExtension;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** The notification bundle of AGGREGATION.md, read back as a consumer reads it. */
class NotificationsTest {

  private final FhirContext fhirContext = FhirContext.forR4();
  private final ResourceHasher hasher =
      new ResourceHasher(new ResourceCanonicalizer(fhirContext, List.of("http://provider/fhir")), NodeSalt.generate());
  private final Notifications notifications = new Notifications(fhirContext, "http://provider/fhir", hasher);

  NotificationsTest() {
    Notifications.keepFocusVersions(fhirContext);
  }

  @Test
  void eventsWithAFocusHaveAnEntryAndWithheldOnesOnlyANumber() {
    Patient patient = new Patient();
    patient.setId("Patient/p/_history/2");
    patient.addName().setFamily("Shared");
    String json = fhirContext.newJsonParser().encodeResourceToString(patient);
    OutboxEvent update = new OutboxEvent(7, new Written("Patient", "p", 2, Operation.UPDATE, Instant.now(), json),
        OutboxStore.PENDING, 0, null);
    OutboxEvent withheld = new OutboxEvent(8, new Written("Patient", "q", 1, Operation.CREATE, Instant.now(), json),
        OutboxStore.PENDING, 0, null);
    OutboxEvent delete = new OutboxEvent(9, new Written("Patient", "p", 3, Operation.DELETE, Instant.now(), null),
        OutboxStore.PENDING, 0, null);

    Bundle bundle = notifications.notification(Notifications.Type.EVENT_NOTIFICATION, MinistrySubscription.ID, 9,
        List.of(update, withheld, delete), () -> event -> !event.write().id().equals("q"));
    Bundle read = fhirContext.newJsonParser().parseResource(Bundle.class,
        fhirContext.newJsonParser().encodeResourceToString(bundle));

    assertThat(read.getType()).isEqualTo(BundleType.HISTORY);
    assertThat(Notified.of(read)).extracting(Notified::number, Notified::focus).containsExactly(
        org.assertj.core.groups.Tuple.tuple(7L, "http://provider/fhir/Patient/p/_history/2"),
        org.assertj.core.groups.Tuple.tuple(8L, null),
        org.assertj.core.groups.Tuple.tuple(9L, "http://provider/fhir/Patient/p/_history/3"));
    assertThat(read.getEntry()).hasSize(3);
    assertThat(read.getEntry().get(1).getRequest().getUrl()).isEqualTo("Patient/p");
    assertThat(read.getEntry().get(1).getResponse().getEtag()).isEqualTo("W/\"2\"");
    assertThat(read.getEntry().get(2).getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.DELETE);
    assertThat(read.getEntry().get(2).hasResource()).isFalse();
    ResourceDigest digest = hasher.digest(patient);
    assertThat(read.getEntry().get(1).getExtensionByUrl(VersionHashExtension.URL).getExtensionString("salted"))
        .isEqualTo(digest.salted().toHex());
    assertThat(read.getEntry().get(1).getExtensionByUrl(VersionHashExtension.URL).getExtensionString("unsalted"))
        .isEqualTo(digest.unsalted().toHex());
    assertThat(read.getEntry().get(2).hasExtension(VersionHashExtension.URL)).isFalse();
  }
}
