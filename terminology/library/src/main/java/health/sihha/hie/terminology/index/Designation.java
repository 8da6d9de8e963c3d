package health.sihha.hie.terminology.index;

import jakarta.annotation.Nullable;
import java.util.Locale;
import org.hl7.fhir.r4.model.Coding;

/** Another name for a concept, in a language (BCP-47, e.g. {@code fr}, {@code ar-MA}) and for a use. */
public record Designation(@Nullable String language, @Nullable Coding use, String value) {

  /** Whether this designation is in {@code requested}, or in a regional variant of it ({@code fr} asks for fr-CA). */
  public boolean inLanguage(String requested) {
    if (language == null) {
      return false;
    }
    String own = language.toLowerCase(Locale.ROOT);
    String asked = requested.toLowerCase(Locale.ROOT);
    return own.equals(asked) || own.startsWith(asked + "-") || asked.startsWith(own + "-");
  }
}
