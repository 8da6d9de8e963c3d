package health.sihha.hie.terminology.lookup;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.terminology.index.ConceptIndex;
import health.sihha.hie.terminology.registry.TerminologySnapshot;
import jakarta.annotation.Nullable;
import java.util.Date;

/** Finding a code system version for an operation, with the 404 every operation gives for an unknown one. */
public final class CodeSystems {

  private CodeSystems() {}

  public static ConceptIndex require(TerminologySnapshot snapshot, String system, @Nullable String version,
      @Nullable Date asOf) {
    return snapshot.codeSystem(system, version, asOf).orElseThrow(() -> new ResourceNotFoundException(
        Codes.of(1330) + "CodeSystem " + system + (version == null ? "" : "|" + version) + " is not known here"));
  }
}
