package health.sihha.hie.terminology.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.terminology.Terminology;
import health.sihha.hie.terminology.expand.CompiledValueSet;
import health.sihha.hie.terminology.expand.ExpansionRequest;
import health.sihha.hie.terminology.expand.ImplicitValueSets;
import health.sihha.hie.terminology.expand.ValueSetExpander;
import health.sihha.hie.terminology.registry.TerminologySnapshot;
import health.sihha.hie.terminology.validate.CodeValidation;
import java.util.Date;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ResourceType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;

/** ValueSet CRUD, {@code $expand} (autocomplete) and {@code $validate-code}. */
public final class ValueSetResourceProvider extends TerminologyResourceProvider<ValueSet> {

  public ValueSetResourceProvider(Terminology terminology) {
    super(terminology, ValueSet.class, ResourceType.ValueSet);
  }

  @Operation(name = "$expand", idempotent = true)
  public ValueSet expand(
      @IdParam(optional = true) IdType id,
      @OperationParam(name = "url", max = 1) UriType url,
      @OperationParam(name = "valueSetVersion", max = 1) StringType valueSetVersion,
      @OperationParam(name = "valueSet", max = 1) ValueSet valueSet,
      @OperationParam(name = "filter", max = 1) StringType filter,
      @OperationParam(name = "count", max = 1) IntegerType count,
      @OperationParam(name = "offset", max = 1) IntegerType offset,
      @OperationParam(name = "activeOnly", max = 1) BooleanType activeOnly,
      @OperationParam(name = "displayLanguage", max = 1) CodeType displayLanguage,
      @OperationParam(name = "includeDesignations", max = 1) BooleanType includeDesignations,
      @OperationParam(name = "date", max = 1) DateTimeType date) {
    TerminologySnapshot snapshot = terminology.registry().snapshot();
    Date asOf = Params.date(date);
    ValueSet target = resolve(snapshot, id, url, valueSetVersion, valueSet, asOf);
    ExpansionRequest request = new ExpansionRequest(Params.text(filter),
        count == null || count.isEmpty() ? null : count.getValue(),
        offset == null || offset.isEmpty() ? 0 : offset.getValue(),
        Params.flag(activeOnly), Params.text(displayLanguage), Params.flag(includeDesignations), asOf);
    return terminology.expander().expand(snapshot, target, request);
  }

  @Operation(name = "$validate-code", idempotent = true)
  public Parameters validateCode(
      @IdParam(optional = true) IdType id,
      @OperationParam(name = "url", max = 1) UriType url,
      @OperationParam(name = "valueSetVersion", max = 1) StringType valueSetVersion,
      @OperationParam(name = "valueSet", max = 1) ValueSet valueSet,
      @OperationParam(name = "code", max = 1) CodeType code,
      @OperationParam(name = "system", max = 1) UriType system,
      @OperationParam(name = "systemVersion", max = 1) StringType systemVersion,
      @OperationParam(name = "display", max = 1) StringType display,
      @OperationParam(name = "coding", max = 1) Coding coding,
      @OperationParam(name = "codeableConcept", max = 1) CodeableConcept codeableConcept,
      @OperationParam(name = "date", max = 1) DateTimeType date) {
    TerminologySnapshot snapshot = terminology.registry().snapshot();
    Date asOf = Params.date(date);
    ValueSet target = resolve(snapshot, id, url, valueSetVersion, valueSet, asOf);
    CompiledValueSet compiled = ValueSetExpander.compile(snapshot, target, asOf);
    String version = Params.text(systemVersion);
    if (codeableConcept != null && code == null && coding == null) {
      CodeValidation verdict = Params.bestOf(codeableConcept, each -> terminology.validator().inValueSet(compiled,
          target.getUrl(), each.getSystem(), each.getVersion(), each.getCode(), each.getDisplay()));
      if (verdict != null) {
        return verdict.toParameters();
      }
    }
    Coding checked = Params.coding(Params.text(code), Params.text(system), version, coding, codeableConcept);
    return terminology.validator().inValueSet(compiled, target.getUrl(), checked.getSystem(),
        checked.hasVersion() ? checked.getVersion() : version, checked.getCode(),
        display != null ? Params.text(display) : checked.getDisplay()).toParameters();
  }

  private ValueSet resolve(TerminologySnapshot snapshot, IdType id, UriType url, StringType version,
      ValueSet inline, Date asOf) {
    if (id != null && id.hasIdPart()) {
      return snapshot.valueSetById(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(Codes.of(1363)
          + "ValueSet/" + id.getIdPart() + " is not known here"));
    }
    if (inline != null) {
      return inline;
    }
    String canonical = Params.text(url);
    if (canonical == null) {
      throw Params.missing("say which value set: ValueSet/[id]/$expand, 'url', or a 'valueSet' in the body");
    }
    String wanted = Params.text(version);
    return ImplicitValueSets.resolve(snapshot, wanted == null ? canonical : canonical + "|" + wanted, asOf)
        .orElseThrow(() -> new ResourceNotFoundException(Codes.of(1364) + "ValueSet " + canonical
            + (wanted == null ? "" : "|" + wanted) + " is not known here"));
  }
}
