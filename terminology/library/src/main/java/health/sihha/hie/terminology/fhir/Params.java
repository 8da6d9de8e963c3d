package health.sihha.hie.terminology.fhir;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.terminology.validate.CodeValidation;
import jakarta.annotation.Nullable;
import java.util.Date;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** Reading optional operation parameters, and the 400 for a missing or contradictory one. */
final class Params {

  private Params() {}

  @Nullable
  static String text(@Nullable IPrimitiveType<?> value) {
    return value == null || value.isEmpty() ? null : value.getValueAsString();
  }

  static boolean flag(@Nullable IPrimitiveType<Boolean> value) {
    return value != null && Boolean.TRUE.equals(value.getValue());
  }

  @Nullable
  static Date date(@Nullable IPrimitiveType<Date> value) {
    return value == null || value.isEmpty() ? null : value.getValue();
  }

  static InvalidRequestException missing(String what) {
    return new InvalidRequestException(Codes.of(1360) + what);
  }

  /**
   * The verdict on a CodeableConcept: the first of its codings that is valid, else the verdict on its first coding;
   * null when it has no coding.
   */
  @Nullable
  static CodeValidation bestOf(CodeableConcept concept, Function<Coding, CodeValidation> check) {
    CodeValidation first = null;
    for (Coding coding : concept.getCoding()) {
      CodeValidation verdict = check.apply(coding);
      if (verdict.valid()) {
        return verdict;
      }
      first = first == null ? verdict : first;
    }
    return first;
  }

  /** The coding given as code + system, or as a Coding, or as the first coding of a CodeableConcept. */
  static Coding coding(@Nullable String code, @Nullable String system, @Nullable String version,
      @Nullable Coding coding, @Nullable CodeableConcept concept) {
    if (code != null) {
      return new Coding(system, code, null).setVersion(version);
    }
    if (coding != null && coding.hasCode()) {
      return coding;
    }
    if (concept != null && concept.hasCoding()) {
      return concept.getCodingFirstRep();
    }
    throw missing("give the code to check: 'code' (with 'system' or 'url'), 'coding' or 'codeableConcept'");
  }
}
