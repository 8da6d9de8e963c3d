package health.sihha.hie.terminology.expand;

import health.sihha.hie.terminology.registry.TerminologySnapshot;
import jakarta.annotation.Nullable;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r4.model.ValueSet.FilterOperator;

/**
 * Finds a value set by canonical URL: a stored one, or one of the implicit value sets every code system has
 * ({@code <system>?fhir_vs} for all its codes, {@code <system>?fhir_vs=isa/<code>} for a concept and its
 * descendants).
 */
public final class ImplicitValueSets {

  private static final String MARKER = "?fhir_vs";

  private ImplicitValueSets() {}

  public static Optional<ValueSet> resolve(TerminologySnapshot snapshot, String canonical, @Nullable Date asOf) {
    int bar = canonical.lastIndexOf('|');
    String url = bar > canonical.indexOf(MARKER) && bar >= 0 ? canonical.substring(0, bar) : canonical;
    String version = url.length() < canonical.length() ? canonical.substring(bar + 1) : null;
    int marker = url.indexOf(MARKER);
    if (marker < 0) {
      return snapshot.valueSet(url, version, asOf);
    }
    String system = url.substring(0, marker);
    String selector = url.substring(marker + MARKER.length());
    if (snapshot.codeSystem(system, version, asOf).isEmpty()) {
      return Optional.empty();
    }
    if (!selector.isEmpty() && !selector.startsWith("=isa/")) {
      return Optional.empty();
    }
    return Optional.of(snapshot.derive(canonical, key -> implicit(url, version, system, selector)));
  }

  private static ValueSet implicit(String url, @Nullable String version, String system, String selector) {
    ValueSet valueSet = new ValueSet();
    valueSet.setUrl(url);
    valueSet.setVersion(version);
    valueSet.setStatus(PublicationStatus.ACTIVE);
    valueSet.setName("Implicit value set of " + system);
    ConceptSetComponent include = valueSet.getCompose().addInclude().setSystem(system).setVersion(version);
    if (selector.startsWith("=isa/")) {
      include.addFilter().setProperty("concept").setOp(FilterOperator.ISA).setValue(selector.substring(5));
    }
    return valueSet;
  }
}
