package health.sihha.hie.terminology.validate;

import jakarta.annotation.Nullable;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * The verdict on one code: valid or not, how serious a problem is ({@code WARNING} when the code system is only held
 * in part, so an unknown code is not proof of an error), the display to use and what to tell the user.
 */
public record CodeValidation(boolean valid, Severity severity, @Nullable String display, @Nullable String message) {

  /** How a validator should report the verdict. */
  public enum Severity { NONE, INFORMATION, WARNING, ERROR }

  static CodeValidation ok(String display) {
    return new CodeValidation(true, Severity.NONE, display, null);
  }

  static CodeValidation warning(boolean valid, @Nullable String display, String message) {
    return new CodeValidation(valid, Severity.WARNING, display, message);
  }

  static CodeValidation error(String message) {
    return new CodeValidation(false, Severity.ERROR, null, message);
  }

  /** The {@code $validate-code} response. */
  public Parameters toParameters() {
    Parameters parameters = new Parameters();
    parameters.addParameter().setName("result").setValue(new BooleanType(valid));
    if (message != null) {
      parameters.addParameter().setName("message").setValue(new StringType(message));
    }
    if (display != null) {
      parameters.addParameter().setName("display").setValue(new StringType(display));
    }
    return parameters;
  }
}
