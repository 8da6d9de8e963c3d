package health.sihha.hie.ministry.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import health.sihha.hie.ig.NationalIdentifiers;
import health.sihha.hie.ministry.MinistryServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.junit.jupiter.api.Test;

/**
 * The issue's "done": one Synthea patient held by both demo providers (each with its own ids, the national identifier
 * derived from the SSN as the loader does) is one person, whose {@code $everything} at the ministry returns both
 * providers' records, each as delivered.
 */
class SyntheaEverythingTest extends MinistryServerTest {

  private static final Set<String> CLINICAL =
      Set.of("Encounter", "Observation", "Condition", "Procedure", "Immunization", "DiagnosticReport");

  @Test
  void everythingOfThePersonJoinsBothProviders() throws Exception {
    Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, Files.readString(syntheaPatient()));
    Map<String, Resource> fromA = deliverAll("provider-a", bundle.copy());
    Map<String, Resource> fromB = deliverAll("provider-b", bundle.copy());

    String recordA = patientOf(fromA);
    String person = nationalStore().search().forResource(Patient.class)
        .withTag(PersonRecords.KIND_SYSTEM, PersonRecords.PERSON).where(Patient.LINK.hasId("Patient/" + recordA))
        .cacheControl(new CacheControlDirective().setNoCache(true)).returnBundle(Bundle.class).execute()
        .getEntryFirstRep().getResource().getIdElement().getIdPart();

    Map<String, Resource> everything = new HashMap<>();
    Bundle page = nationalStore().operation().onInstance("Patient/" + person).named("$everything")
        .withParameter(Parameters.class, "_count", new UnsignedIntType(200)).useHttpGet()
        .returnResourceType(Bundle.class).execute();
    while (page != null) {
      page.getEntry().stream().map(BundleEntryComponent::getResource)
          .forEach(r -> everything.put(r.getIdElement().toUnqualifiedVersionless().getValue(), r));
      page = page.getLink(Bundle.LINK_NEXT) == null ? null : nationalStore().loadPage().next(page).execute();
    }

    assertThat(everything).containsKeys("Patient/" + person, "Patient/" + recordA, "Patient/" + patientOf(fromB));
    for (Map<String, Resource> delivered : List.of(fromA, fromB)) {
      delivered.forEach((nationalId, sent) -> {
        if (!CLINICAL.contains(sent.fhirType())) {
          return;
        }
        assertThat(everything).containsKey(nationalId);
        Resource held = everything.get(nationalId);
        held.setMeta(null);
        held.setId((String) null);
        assertThat(held.equalsDeep(sent)).as(nationalId + " as delivered").isTrue();
      });
    }
    long clinical = everything.values().stream().filter(r -> CLINICAL.contains(r.fhirType())).count();
    assertThat(clinical).isEqualTo(2L * fromA.values().stream().filter(r -> CLINICAL.contains(r.fhirType())).count());
  }

  /**
   * Delivers the bundle's ingested resources as {@code provider} would, one event each, under ids of its own, and returns them by
   * national id with their references rewritten as the ministry rewrites them (for comparison).
   */
  private Map<String, Resource> deliverAll(String provider, Bundle bundle) {
    Map<String, String> ids = new HashMap<>();
    for (BundleEntryComponent entry : bundle.getEntry()) {
      ids.put(entry.getFullUrl(), entry.getResource().fhirType() + "/" + UUID.randomUUID());
    }
    FhirTerser terser = fhirContext.newTerser();
    List<Resource> resources = new ArrayList<>();
    for (BundleEntryComponent entry : bundle.getEntry()) {
      Resource resource = entry.getResource();
      if (!CLINICAL.contains(resource.fhirType()) && !Set.of("Patient", "Organization", "Practitioner")
          .contains(resource.fhirType())) {
        continue;
      }
      resource.setId(ids.get(entry.getFullUrl()));
      resource.getMeta().setVersionId("1");
      for (ResourceReferenceInfo info : terser.getAllResourceReferences(resource)) {
        String target = ids.get(info.getResourceReference().getReferenceElement().getValue());
        if (target != null) {
          info.getResourceReference().setReference(target);
        }
      }
      if (resource instanceof Patient patient) {
        NationalIdentifiers.deriveFromSsn(patient);
      }
      resources.add(resource);
    }
    Map<String, Resource> delivered = new LinkedHashMap<>();
    for (Resource resource : resources) {
      assertThat(deliver(provider, resource).getEntryFirstRep().getResponse().getStatus()).startsWith("200");
      Resource national = resource.copy();
      for (ResourceReferenceInfo info : terser.getAllResourceReferences(national)) {
        String reference = info.getResourceReference().getReferenceElement().getValue();
        if (reference != null && reference.contains("/") && !reference.startsWith("#")) {
          String[] parts = reference.split("/");
          info.getResourceReference().setReference(parts[0] + "/" + provider + "." + parts[1]);
        }
      }
      String nationalId = resource.fhirType() + "/" + provider + "." + resource.getIdElement().getIdPart();
      national.setMeta(null);
      national.setId((String) null);
      delivered.put(nationalId, national);
    }
    return delivered;
  }

  private static String patientOf(Map<String, Resource> delivered) {
    return delivered.keySet().stream().filter(id -> id.startsWith("Patient/")).findFirst().orElseThrow()
        .substring("Patient/".length());
  }

  /** The smallest record of the shared Synthea sample. */
  private static Path syntheaPatient() {
    Path file = Path.of("").toAbsolutePath().getParent().getParent()
        .resolve("shared/data/synthea-r4/Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json");
    assumeTrue(Files.isRegularFile(file), "../shared/data/synthea-r4 is not beside this clone: skipped");
    return file;
  }
}
