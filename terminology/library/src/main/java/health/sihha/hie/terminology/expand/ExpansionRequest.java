package health.sihha.hie.terminology.expand;

import jakarta.annotation.Nullable;
import java.util.Date;

/**
 * The parameters of one {@code $expand}, as the FHIR R4 terminology service defines them.
 *
 * @param count page size; null for all matches (refused when there are too many)
 */
public record ExpansionRequest(@Nullable String filter, @Nullable Integer count, int offset, boolean activeOnly,
    @Nullable String displayLanguage, boolean includeDesignations, @Nullable Date date) {

  public static ExpansionRequest filter(String filter, int count) {
    return new ExpansionRequest(filter, count, 0, false, null, false, null);
  }

  boolean hasFilter() {
    return filter != null && !filter.isBlank();
  }
}
