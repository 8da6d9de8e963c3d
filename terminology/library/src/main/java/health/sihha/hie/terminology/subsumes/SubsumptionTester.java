package health.sihha.hie.terminology.subsumes;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.terminology.index.ConceptIndex;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.codesystems.ConceptSubsumptionOutcome;

/** {@code $subsumes}: how two codes of one code system relate in its is-a hierarchy. */
public final class SubsumptionTester {

  public ConceptSubsumptionOutcome test(ConceptIndex index, String codeA, String codeB) {
    int a = concept(index, codeA);
    int b = concept(index, codeB);
    if (a == b) {
      return ConceptSubsumptionOutcome.EQUIVALENT;
    }
    if (index.ancestors(b, false).get(a)) {
      return ConceptSubsumptionOutcome.SUBSUMES;
    }
    if (index.ancestors(a, false).get(b)) {
      return ConceptSubsumptionOutcome.SUBSUMEDBY;
    }
    return ConceptSubsumptionOutcome.NOTSUBSUMED;
  }

  public Parameters toParameters(ConceptSubsumptionOutcome outcome) {
    Parameters parameters = new Parameters();
    parameters.addParameter().setName("outcome").setValue(new CodeType(outcome.toCode()));
    return parameters;
  }

  private static int concept(ConceptIndex index, String code) {
    return index.find(code).orElseThrow(() -> new ResourceNotFoundException(Codes.of(1340) + "code '" + code
        + "' is not in " + index.system() + (index.version() == null ? "" : "|" + index.version())));
  }
}
