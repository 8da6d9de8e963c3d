package health.sihha.bench.ledger;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.canonical.NodeSalt;
import health.sihha.hie.interceptors.ledger.canonical.ResourceCanonicalizer;
import health.sihha.hie.interceptors.ledger.canonical.ResourceHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Canonical hashing (clone, reference normalisation, HAPI encode, canonical JSON, salted SHA-256) of a typical
 * Synthea Observation (the first one with a {@code valueQuantity}) and Patient, taken from the first patient bundle
 * of {@code synthea-r4} in file-name order; and the same from their JSON, as an auditor hashes them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CanonicalHashBenchmark {

  /** The Synthea folder; empty: {@code /work/shared/data/synthea-r4} or {@code ../shared/data/synthea-r4}. */
  @Param("")
  public String syntheaDir;

  private ResourceHasher hasher;
  private Observation observation;
  private Patient patient;
  private String observationJson;
  private String patientJson;

  @Setup
  public void load() {
    FhirContext fhir = FhirContext.forR4Cached();
    Bundle bundle = (Bundle) fhir.newJsonParser().parseResource(read(firstPatientBundle(folder(syntheaDir))));
    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
      Resource resource = entry.getResource();
      if (patient == null && resource instanceof Patient p) {
        patient = p;
      } else if (observation == null && resource instanceof Observation o && o.hasValueQuantity()) {
        observation = o;
      }
    }
    hasher = new ResourceHasher(ResourceCanonicalizer.r4("http://127.0.0.1:8081/fhir"), NodeSalt.generate());
    observationJson = fhir.newJsonParser().encodeResourceToString(observation);
    patientJson = fhir.newJsonParser().encodeResourceToString(patient);
  }

  @Benchmark
  public Hash observation() {
    return hasher.saltedHash(observation);
  }

  @Benchmark
  public Hash patient() {
    return hasher.saltedHash(patient);
  }

  @Benchmark
  public Hash observationFromJson() {
    return hasher.digest(observationJson).salted();
  }

  @Benchmark
  public Hash patientFromJson() {
    return hasher.digest(patientJson).salted();
  }

  static Path folder(String given) {
    if (!given.isEmpty()) {
      return Path.of(given);
    }
    for (Path candidate : List.of(Path.of("/work/shared/data/synthea-r4"), Path.of("../shared/data/synthea-r4"))) {
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no synthea-r4 folder: give -p syntheaDir=...");
  }

  static Path firstPatientBundle(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().matches("[A-Z][a-z]+_[A-Z].*\\.json")).sorted()
          .findFirst().orElseThrow(() -> new IllegalStateException("no patient bundle in " + folder));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
