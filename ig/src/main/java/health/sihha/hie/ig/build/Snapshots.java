package health.sihha.hie.ig.build;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Generates the snapshots of the IG's structure definitions from their differentials, extensions first so that the
 * profiles slicing them find their snapshots. Each result replaces its differential-only source in the IG's link of
 * the chain.
 */
final class Snapshots {

  private final FhirContext fhirContext;
  private final PrePopulatedValidationSupport ig;
  private final ValidationSupportChain chain;

  Snapshots(FhirContext fhirContext, PrePopulatedValidationSupport ig, ValidationSupportChain chain) {
    this.fhirContext = fhirContext;
    this.ig = ig;
    this.chain = chain;
  }

  List<StructureDefinition> generate(List<StructureDefinition> differentials) {
    IValidationSupport generator = new SnapshotGeneratingValidationSupport(fhirContext);
    return differentials.stream()
        .sorted(Comparator.comparing((StructureDefinition sd) -> !"Extension".equals(sd.getType()))
            .thenComparing(StructureDefinition::getUrl))
        .map(sd -> generate(generator, sd))
        .toList();
  }

  private StructureDefinition generate(IValidationSupport generator, StructureDefinition differential) {
    StructureDefinition input = differential.copy();
    input.setSnapshot(null);
    StructureDefinition result = (StructureDefinition) generator.generateSnapshot(
        new ValidationSupportContext(chain), input, input.getUrl(), input.getUrl(), input.getName());
    if (result == null || !result.hasSnapshot() || result.getSnapshot().getElement().isEmpty()) {
      throw new IgBuildException("no snapshot could be generated for " + differential.getUrl());
    }
    ig.addStructureDefinition(result);
    chain.invalidateCaches();
    return result;
  }
}
