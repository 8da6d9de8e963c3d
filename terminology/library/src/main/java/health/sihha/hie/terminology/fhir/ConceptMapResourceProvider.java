package health.sihha.hie.terminology.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.terminology.Terminology;
import health.sihha.hie.terminology.registry.TerminologySnapshot;
import health.sihha.hie.terminology.translate.TranslateRequest;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ResourceType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/** ConceptMap CRUD and {@code $translate}. */
public final class ConceptMapResourceProvider extends TerminologyResourceProvider<ConceptMap> {

  public ConceptMapResourceProvider(Terminology terminology) {
    super(terminology, ConceptMap.class, ResourceType.ConceptMap);
  }

  @Operation(name = "$translate", idempotent = true)
  public Parameters translate(
      @IdParam(optional = true) IdType id,
      @OperationParam(name = "url", max = 1) UriType url,
      @OperationParam(name = "conceptMapVersion", max = 1) StringType conceptMapVersion,
      @OperationParam(name = "code", max = 1) CodeType code,
      @OperationParam(name = "system", max = 1) UriType system,
      @OperationParam(name = "coding", max = 1) Coding coding,
      @OperationParam(name = "codeableConcept", max = 1) CodeableConcept codeableConcept,
      @OperationParam(name = "source", max = 1) UriType source,
      @OperationParam(name = "target", max = 1) UriType target,
      @OperationParam(name = "targetsystem", max = 1) UriType targetSystem,
      @OperationParam(name = "reverse", max = 1) BooleanType reverse) {
    TerminologySnapshot snapshot = terminology.registry().snapshot();
    String mapUrl = Params.text(url);
    if (id != null && id.hasIdPart()) {
      mapUrl = snapshot.summary(ResourceType.ConceptMap, id.getIdPart())
          .orElseThrow(() -> new ResourceNotFoundException(Codes.of(1367) + "ConceptMap/" + id.getIdPart()
              + " is not known here"))
          .getUrl();
    }
    Coding checked = Params.coding(Params.text(code), Params.text(system), null, coding, codeableConcept);
    return terminology.translator().translate(snapshot, new TranslateRequest(mapUrl, Params.text(conceptMapVersion),
        checked.getSystem(), checked.getCode(), Params.text(source), Params.text(target), Params.text(targetSystem),
        Params.flag(reverse)));
  }
}
