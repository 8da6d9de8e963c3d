package health.sihha.bench.synthea;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.junit.jupiter.api.Test;

class SharedResourceRewriterTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final String ADAN_PORTILLO = "Adan_Portillo_22bbe238-220e-495c-8abc-0ce3aa28a605.json";

  private final BundlePreparer preparer = new BundlePreparer(FHIR);

  @Test
  void embeddedOrganizationsAndPractitionersBecomeConditionalCreates() {
    Bundle bundle = preparer.read(SyntheaSamples.r4().resolve(ADAN_PORTILLO));

    int rewritten = SharedResourceRewriter.makeSharedResourcesConditional(bundle);

    List<BundleEntryComponent> shared = sharedEntries(bundle);
    assertThat(rewritten).isEqualTo(shared.size()).isEqualTo(4);
    assertThat(entry(bundle, "urn:uuid:6f122869-a856-3d65-8db9-099bf4f5bbb8").getRequest().getIfNoneExist())
        .isEqualTo("identifier=https://github.com/synthetichealth/synthea|6f122869-a856-3d65-8db9-099bf4f5bbb8");
    assertThat(entry(bundle, "urn:uuid:0e99785d-8f2a-45c7-848c-d6b31d1aa50e").getRequest().getIfNoneExist())
        .isEqualTo("identifier=http://hl7.org/fhir/sid/us-npi|520");
    assertThat(shared).allSatisfy(entry -> assertThat(entry.getRequest().getMethod()).isEqualTo(HTTPVerb.POST));
  }

  @Test
  void otherEntriesStayPlainCreates() {
    Bundle bundle = preparer.read(SyntheaSamples.r4().resolve(ADAN_PORTILLO));

    SharedResourceRewriter.makeSharedResourcesConditional(bundle);

    List<BundleEntryComponent> others = bundle.getEntry().stream().filter(entry -> !isShared(entry)).toList();
    assertThat(others).hasSize(253 - 4).allSatisfy(entry -> {
      assertThat(entry.getRequest().getMethod()).isEqualTo(HTTPVerb.POST);
      assertThat(entry.getRequest().hasIfNoneExist()).isFalse();
    });
  }

  @Test
  void hospitalAndPractitionerInformationBecomeConditionalOneIdentifierEach() {
    SyntheaFolder folder = SyntheaFolder.scan(SyntheaSamples.r4());
    Bundle hospitals = preparer.read(folder.sharedBundles().get(0));
    Bundle practitioners = preparer.read(folder.sharedBundles().get(1));

    assertThat(SharedResourceRewriter.makeSharedResourcesConditional(hospitals)).isEqualTo(102);
    assertThat(SharedResourceRewriter.makeSharedResourcesConditional(practitioners)).isEqualTo(102);
    assertThat(criteria(hospitals)).hasSize(102).allSatisfy(criteria ->
        assertThat(criteria).startsWith("identifier=https://github.com/synthetichealth/synthea|"));
    assertThat(criteria(practitioners)).hasSize(102).allSatisfy(criteria ->
        assertThat(criteria).startsWith("identifier=http://hl7.org/fhir/sid/us-npi|"));
  }

  @Test
  void patientBundlesMatchTheResourcesOfTheInformationBundles() {
    SyntheaFolder folder = SyntheaFolder.scan(SyntheaSamples.r4());
    Set<String> known = folder.sharedBundles().stream()
        .map(this::rewritten)
        .flatMap(bundle -> criteria(bundle).stream())
        .collect(Collectors.toSet());

    for (Path patient : folder.firstPatients(20)) {
      assertThat(criteria(rewritten(patient))).as(patient.getFileName().toString()).isNotEmpty().isSubsetOf(known);
    }
  }

  @Test
  void rewritingTwiceChangesNothingMore() {
    Bundle bundle = preparer.read(SyntheaSamples.r4().resolve(ADAN_PORTILLO));
    SharedResourceRewriter.makeSharedResourcesConditional(bundle);
    String once = FHIR.newJsonParser().encodeResourceToString(bundle);

    assertThat(SharedResourceRewriter.makeSharedResourcesConditional(bundle)).isZero();
    assertThat(FHIR.newJsonParser().encodeResourceToString(bundle)).isEqualTo(once);
  }

  @Test
  void modernBundlesAreLeftAsTheyAre() {
    for (Path file : SyntheaFolder.scan(SyntheaSamples.modern()).sharedBundles()) {
      Bundle bundle = preparer.read(file);
      String before = FHIR.newJsonParser().encodeResourceToString(bundle);

      assertThat(SharedResourceRewriter.makeSharedResourcesConditional(bundle)).as(file.toString()).isZero();
      assertThat(FHIR.newJsonParser().encodeResourceToString(bundle)).isEqualTo(before);
    }
    for (Path file : SyntheaFolder.scan(SyntheaSamples.modern()).patientBundles()) {
      assertThat(SharedResourceRewriter.makeSharedResourcesConditional(preparer.read(file))).isZero();
    }
  }

  @Test
  void entriesWithoutAnIdentifierOrNotPostedAreLeftAlone() {
    Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
    bundle.addEntry().setResource(new Organization().setName("no identifier"))
        .getRequest().setMethod(HTTPVerb.POST).setUrl("Organization");
    Practitioner updated = new Practitioner();
    updated.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("42");
    bundle.addEntry().setResource(updated).getRequest().setMethod(HTTPVerb.PUT).setUrl("Practitioner/p42");

    assertThat(SharedResourceRewriter.makeSharedResourcesConditional(bundle)).isZero();
    assertThat(bundle.getEntry()).noneMatch(entry -> entry.getRequest().hasIfNoneExist());
  }

  private Bundle rewritten(Path file) {
    Bundle bundle = preparer.read(file);
    SharedResourceRewriter.makeSharedResourcesConditional(bundle);
    return bundle;
  }

  private static List<BundleEntryComponent> sharedEntries(Bundle bundle) {
    return bundle.getEntry().stream().filter(SharedResourceRewriterTest::isShared).toList();
  }

  private static boolean isShared(BundleEntryComponent entry) {
    return entry.getResource() instanceof Organization || entry.getResource() instanceof Practitioner;
  }

  private static Set<String> criteria(Bundle bundle) {
    return sharedEntries(bundle).stream()
        .map(entry -> entry.getRequest().getIfNoneExist())
        .collect(Collectors.toSet());
  }

  private static BundleEntryComponent entry(Bundle bundle, String fullUrl) {
    return bundle.getEntry().stream()
        .filter(entry -> entry.getFullUrl().equals(fullUrl))
        .findFirst()
        .orElseThrow();
  }
}
