package health.sihha.hie.provider.lab;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.provider.validation.DerivedValues;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Observation.ObservationReferenceRangeComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;

/**
 * Fills in the interpretation (critical low, low, normal, high, critical high) of a numeric result, and of each
 * numeric component, that has reference ranges but no interpretation. An interpretation the sender gave is kept.
 */
@Interceptor(order = HieOrder.ENRICHMENT)
public final class LabInterpretationInterceptor implements DerivedValues {

  private final ReferenceRanges ranges;

  LabInterpretationInterceptor(ReferenceRanges ranges) {
    this.ranges = ranges;
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
  public void created(IBaseResource resource) {
    fillIn(resource);
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
  public void updated(IBaseResource previous, IBaseResource resource) {
    fillIn(resource);
  }

  @Override
  public void fillIn(IBaseResource resource) {
    if (!(resource instanceof Observation observation)) {
      return;
    }
    if (!observation.hasInterpretation()) {
      interpretation(observation.getValue(), observation.getReferenceRange())
          .ifPresent(observation::addInterpretation);
    }
    for (ObservationComponentComponent component : observation.getComponent()) {
      if (!component.hasInterpretation()) {
        interpretation(component.getValue(), component.getReferenceRange()).ifPresent(component::addInterpretation);
      }
    }
  }

  private Optional<CodeableConcept> interpretation(Type value,
      List<ObservationReferenceRangeComponent> referenceRanges) {
    if (!(value instanceof Quantity quantity) || referenceRanges.isEmpty()) {
      return Optional.empty();
    }
    return ranges.interpret(quantity, referenceRanges).map(Interpretation::toCodeableConcept);
  }
}
