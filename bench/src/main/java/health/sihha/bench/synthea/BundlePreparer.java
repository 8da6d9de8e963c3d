package health.sihha.bench.synthea;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;

/**
 * Reads Synthea bundle files and prepares them for posting: shared resources made conditional, records fixed as a
 * Sihha provider requires, JSON encoded.
 */
public final class BundlePreparer {

  private final FhirContext fhir;

  public BundlePreparer(FhirContext fhir) {
    this.fhir = requireNonNull(fhir);
  }

  public List<PreparedBundle> prepareAll(List<Path> files) {
    return files.stream().map(this::prepare).toList();
  }

  public PreparedBundle prepare(Path file) {
    Bundle bundle = read(file);
    SharedResourceRewriter.makeSharedResourcesConditional(bundle);
    SyntheaRecordFixes.apply(bundle);
    return new PreparedBundle(
        file.getFileName().toString(),
        bundle.getType() == BundleType.BATCH,
        fhir.newJsonParser().encodeResourceToString(bundle),
        bundle.getEntry().size());
  }

  Bundle read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, reader);
      if (bundle.getType() != BundleType.TRANSACTION && bundle.getType() != BundleType.BATCH) {
        throw new IllegalArgumentException(file + " is not a transaction or batch bundle: " + bundle.getType());
      }
      return bundle;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
