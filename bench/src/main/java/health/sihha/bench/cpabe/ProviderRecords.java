package health.sihha.bench.cpabe;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.sihha.bench.synthea.SyntheaFolder;
import health.sihha.bench.synthea.SyntheaRecordFixes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * What a provider would have stored of a few Synthea 2.x patient bundles, ready to deliver: each resource of a type
 * the ministry aggregates, with an id of the provider's ({@code Type/<n>}, numbered in load order as HAPI numbers
 * server-assigned ids), version 1, and Synthea's {@code urn:uuid:} references rewritten to those ids. An Organization
 * or Practitioner that several bundles embed (same first identifier) is one resource, as the provider's conditional
 * create makes it. The delivery order puts Patients, Organizations and Practitioners first, then the rest in bundle
 * order, as a provider loading the bundles would have written them.
 *
 * @param resources the resources in delivery order
 * @param patient the patient read with {@code $everything}: the bundle whose aggregated resources are closest in
 *     number to the target
 * @param others the other bundles' patients, delivered too (the first is read right after a restart, to warm the
 *     read path)
 */
record ProviderRecords(List<Resource> resources, Record patient, List<Record> others) {

  /** The types the ministry aggregates by default ({@code sihha.ministry.ingested-types}), Consent aside. */
  static final Set<String> AGGREGATED = Set.of("Patient", "Practitioner", "Organization", "Location", "Encounter",
      "Condition", "Observation", "DiagnosticReport", "MedicationRequest", "Procedure", "Immunization",
      "AllergyIntolerance");
  private static final List<String> FIRST = List.of("Patient", "Organization", "Practitioner");

  /**
   * One patient bundle as delivered.
   *
   * @param file the bundle's file name
   * @param patientId the provider's id of its Patient
   * @param family the Patient's first family name
   * @param resources the {@code Type/id}s of its aggregated resources, its shared Organizations and Practitioners
   *     included: what the patient's {@code $everything} should hold
   */
  record Record(String file, String patientId, String family, Set<String> resources) {

    Record {
      resources = Set.copyOf(resources);
    }
  }

  ProviderRecords {
    resources = List.copyOf(resources);
    others = List.copyOf(others);
  }

  /** Delivered resources per type, in type order. */
  Map<String, Integer> byType() {
    Map<String, Integer> counts = new TreeMap<>();
    resources.forEach(r -> counts.merge(r.fhirType(), 1, Integer::sum));
    return counts;
  }

  /**
   * The patient bundle of {@code folder} whose aggregated resources are closest in number to {@code target} (the
   * first in file-name order on a tie), and the {@code bundles - 1} bundles that follow it in file-name order.
   */
  static ProviderRecords load(FhirContext fhir, SyntheaFolder folder, int target, int bundles, Instant writtenAt) {
    List<Path> files = folder.patientBundles();
    if (files.size() < bundles) {
      throw new IllegalArgumentException(folder.dir() + " has " + files.size() + " patient bundles, " + bundles
          + " are needed");
    }
    ObjectMapper json = new ObjectMapper();
    Path closest = files.stream()
        .min(Comparator.comparingInt((Path file) -> Math.abs(aggregatedEntries(json, file) - target)))
        .orElseThrow(() -> new IllegalArgumentException(folder.dir() + " has no patient bundles"));
    int first = files.indexOf(closest);
    List<Path> selected = new ArrayList<>();
    for (int i = 0; i < bundles; i++) {
      selected.add(files.get((first + i) % files.size()));
    }
    return new Converter(fhir, writtenAt).convert(selected);
  }

  /** Entries of an aggregated type in a bundle, read without HAPI's parser (all bundles are counted). */
  private static int aggregatedEntries(ObjectMapper json, Path file) {
    try {
      int count = 0;
      for (JsonNode entry : json.readTree(file.toFile()).path("entry")) {
        count += AGGREGATED.contains(entry.path("resource").path("resourceType").asText()) ? 1 : 0;
      }
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Turns bundles into the provider's stored resources. */
  private static final class Converter {

    private final IParser parser;
    private final FhirTerser terser;
    private final Date lastUpdated;
    private final Map<String, String> shared = new HashMap<>();
    private long nextId = 1;

    Converter(FhirContext fhir, Instant writtenAt) {
      this.parser = fhir.newJsonParser();
      this.terser = fhir.newTerser();
      this.lastUpdated = Date.from(writtenAt);
    }

    ProviderRecords convert(List<Path> files) {
      List<Resource> delivered = new ArrayList<>();
      List<Record> records = new ArrayList<>();
      for (Path file : files) {
        records.add(convert(file, delivered));
      }
      List<Resource> ordered = new ArrayList<>(delivered);
      ordered.sort(Comparator.comparingInt(r -> FIRST.contains(r.fhirType()) ? 0 : 1));
      return new ProviderRecords(ordered, records.get(0), records.subList(1, records.size()));
    }

    private Record convert(Path file, List<Resource> delivered) {
      Bundle bundle;
      try {
        bundle = parser.parseResource(Bundle.class, Files.readString(file));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      SyntheaRecordFixes.apply(bundle);
      Map<String, String> byFullUrl = new HashMap<>();
      List<Resource> kept = new ArrayList<>();
      Set<String> everything = new LinkedHashSet<>();
      Patient patient = null;
      for (BundleEntryComponent entry : bundle.getEntry()) {
        Resource resource = entry.getResource();
        String type = resource.fhirType();
        Optional<String> sharedKey = sharedKey(resource);
        boolean seen = sharedKey.isPresent() && shared.containsKey(sharedKey.get());
        String id = sharedKey.map(key -> shared.computeIfAbsent(key, k -> newId())).orElseGet(this::newId);
        byFullUrl.put(entry.getFullUrl(), type + "/" + id);
        if (!AGGREGATED.contains(type)) {
          continue;
        }
        resource.setId(type + "/" + id);
        resource.getMeta().setVersionId("1").setLastUpdated(lastUpdated);
        everything.add(type + "/" + id);
        if (!seen) {
          kept.add(resource);
        }
        if (resource instanceof Patient p) {
          patient = p;
        }
      }
      if (patient == null) {
        throw new IllegalArgumentException(file + " holds no Patient");
      }
      for (Resource resource : kept) {
        rewriteReferences(resource, byFullUrl, file);
      }
      delivered.addAll(kept);
      return new Record(file.getFileName().toString(), patient.getIdElement().getIdPart(),
          patient.getNameFirstRep().getFamily(), everything);
    }

    private void rewriteReferences(Resource resource, Map<String, String> byFullUrl, Path file) {
      for (ResourceReferenceInfo info : terser.getAllResourceReferences(resource)) {
        Reference reference = (Reference) info.getResourceReference();
        String target = reference.getReference();
        if (target == null || !target.startsWith("urn:")) {
          continue;
        }
        String local = byFullUrl.get(target);
        if (local == null) {
          throw new IllegalArgumentException(file + ": " + resource.fhirType() + " refers to " + target
              + ", which the bundle does not hold");
        }
        reference.setReference(local);
      }
    }

    private String newId() {
      return Long.toString(nextId++);
    }

    /** An Organization or Practitioner is one resource per first identifier at the provider. */
    private static Optional<String> sharedKey(Resource resource) {
      List<Identifier> identifiers = resource instanceof Organization o ? o.getIdentifier()
          : resource instanceof Practitioner p ? p.getIdentifier() : List.of();
      if (identifiers.isEmpty()) {
        return Optional.empty();
      }
      Identifier first = identifiers.get(0);
      return Optional.of(resource.fhirType() + "|" + first.getSystem() + "|" + first.getValue());
    }
  }
}
