package health.sihha.hie.provider.validation;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Fills in, on a resource being written, values the server derives from the resource's own content (a lab result's
 * interpretation from its value and reference range). Applied before validation, wherever it runs, so the validator
 * sees the resource as it will be stored; applying it twice changes nothing.
 */
public interface DerivedValues {

  void fillIn(IBaseResource resource);
}
