package health.sihha.hie.terminology.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.terminology.Terminology;
import health.sihha.hie.terminology.index.ConceptIndex;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import health.sihha.hie.terminology.load.TerminologyLoaders;
import health.sihha.hie.terminology.load.TerminologyPackage;
import health.sihha.hie.terminology.lookup.CodeSystems;
import health.sihha.hie.terminology.registry.TerminologySnapshot;
import health.sihha.hie.terminology.validate.CodeValidation;
import jakarta.annotation.Nullable;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResourceType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/** CodeSystem CRUD, {@code $lookup}, {@code $validate-code} and {@code $subsumes}. */
public final class CodeSystemResourceProvider extends TerminologyResourceProvider<CodeSystem> {

  private final TerminologyLoaders loaders;

  public CodeSystemResourceProvider(Terminology terminology, TerminologyLoaders loaders) {
    super(terminology, CodeSystem.class, ResourceType.CodeSystem);
    this.loaders = loaders;
  }

  @Operation(name = "$lookup", idempotent = true)
  public Parameters lookup(
      @OperationParam(name = "code", max = 1) CodeType code,
      @OperationParam(name = "system", max = 1) UriType system,
      @OperationParam(name = "version", max = 1) StringType version,
      @OperationParam(name = "coding", max = 1) Coding coding,
      @OperationParam(name = "date", max = 1) DateTimeType date,
      @OperationParam(name = "displayLanguage", max = 1) CodeType displayLanguage,
      @OperationParam(name = "property") List<CodeType> properties) {
    Coding checked = Params.coding(Params.text(code), Params.text(system), Params.text(version), coding, null);
    if (!checked.hasSystem()) {
      throw Params.missing("$lookup needs 'system' with 'code', or a 'coding' with a system");
    }
    List<String> wanted = properties == null ? List.of() : properties.stream().map(CodeType::getCode).toList();
    return terminology.lookup().lookup(terminology.registry().snapshot(), checked.getSystem(),
        checked.hasVersion() ? checked.getVersion() : null, checked.getCode(), Params.text(displayLanguage), wanted,
        Params.date(date));
  }

  @Operation(name = "$validate-code", idempotent = true)
  public Parameters validateCode(
      @IdParam(optional = true) IdType id,
      @OperationParam(name = "url", max = 1) UriType url,
      @OperationParam(name = "code", max = 1) CodeType code,
      @OperationParam(name = "version", max = 1) StringType version,
      @OperationParam(name = "display", max = 1) StringType display,
      @OperationParam(name = "coding", max = 1) Coding coding,
      @OperationParam(name = "codeableConcept", max = 1) CodeableConcept codeableConcept,
      @OperationParam(name = "date", max = 1) DateTimeType date) {
    TerminologySnapshot snapshot = terminology.registry().snapshot();
    String shown = Params.text(display);
    if (codeableConcept != null && code == null && coding == null) {
      CodeValidation verdict = Params.bestOf(codeableConcept, each -> validate(snapshot, id, each.getSystem(),
          each.getVersion(), each.getCode(), each.getDisplay(), Params.date(date)));
      if (verdict != null) {
        return verdict.toParameters();
      }
    }
    Coding checked = Params.coding(Params.text(code), Params.text(url), Params.text(version), coding, null);
    return validate(snapshot, id, checked.getSystem(), checked.hasVersion() ? checked.getVersion() : null,
        checked.getCode(), shown != null ? shown : checked.getDisplay(), Params.date(date)).toParameters();
  }

  @Operation(name = "$subsumes", idempotent = true)
  public Parameters subsumes(
      @OperationParam(name = "codeA", max = 1) CodeType codeA,
      @OperationParam(name = "codeB", max = 1) CodeType codeB,
      @OperationParam(name = "system", max = 1) UriType system,
      @OperationParam(name = "version", max = 1) StringType version,
      @OperationParam(name = "codingA", max = 1) Coding codingA,
      @OperationParam(name = "codingB", max = 1) Coding codingB) {
    Coding a = codingA != null ? codingA : new Coding(Params.text(system), Params.text(codeA), null);
    Coding b = codingB != null ? codingB : new Coding(Params.text(system), Params.text(codeB), null);
    if (!a.hasCode() || !b.hasCode() || !a.hasSystem()) {
      throw Params.missing("$subsumes needs 'system' with 'codeA' and 'codeB', or 'codingA' and 'codingB'");
    }
    if (b.hasSystem() && !a.getSystem().equals(b.getSystem())) {
      throw new InvalidRequestException(Codes.of(1365) + "codingA and codingB are from different code systems");
    }
    ConceptIndex index = CodeSystems.require(terminology.registry().snapshot(), a.getSystem(), Params.text(version),
        null);
    return terminology.subsumption().toParameters(terminology.subsumption().test(index, a.getCode(), b.getCode()));
  }

  /**
   * Loads a terminology distribution (a file or a zip in the official format) as a new code system version. A file
   * that cannot be read is refused with 400 and changes nothing.
   */
  @Operation(name = "$load", manualRequest = true, idempotent = false)
  public Parameters load(RequestDetails request) {
    UploadedDistribution upload = UploadedDistribution.from(request, terminology.registry().fhirContext());
    long started = System.nanoTime();
    TerminologyPackage loaded;
    try {
      loaded = loaders.load(upload.loader(), upload.fileName(), upload.content(), upload.version());
    } catch (TerminologyLoadException e) {
      throw new InvalidRequestException(Codes.of(1368) + "the " + upload.loader() + " distribution was refused,"
          + " nothing was changed: " + e.getMessage());
    }
    List<MetadataResource> stored = terminology.registry().putAll(loaded);
    Parameters result = new Parameters();
    CodeSystem codeSystem = (CodeSystem) stored.get(0);
    result.addParameter("codeSystem", new Reference("CodeSystem/" + codeSystem.getIdElement().getIdPart()));
    result.addParameter("url", new UriType(codeSystem.getUrl()));
    result.addParameter("version", codeSystem.getVersion());
    result.addParameter("content", new CodeType(codeSystem.getContent().toCode()));
    result.addParameter("concepts", new IntegerType(codeSystem.getCount()));
    result.addParameter("valueSets", new IntegerType(loaded.valueSets().size()));
    result.addParameter("conceptMaps", new IntegerType(loaded.conceptMaps().size()));
    result.addParameter("milliseconds", new IntegerType((int) ((System.nanoTime() - started) / 1_000_000)));
    return result;
  }

  private CodeValidation validate(TerminologySnapshot snapshot, @Nullable IdType id, @Nullable String system,
      @Nullable String version, String code, @Nullable String display, @Nullable Date date) {
    ConceptIndex index;
    if (id != null && id.hasIdPart()) {
      index = snapshot.codeSystemById(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(Codes.of(1366)
          + "CodeSystem/" + id.getIdPart() + " is not known here"));
    } else if (system != null) {
      index = CodeSystems.require(snapshot, system, version, date);
    } else {
      throw Params.missing("$validate-code needs the code system: 'url', a coding with a system, or CodeSystem/[id]");
    }
    return terminology.validator().inCodeSystem(index, code, display);
  }
}
