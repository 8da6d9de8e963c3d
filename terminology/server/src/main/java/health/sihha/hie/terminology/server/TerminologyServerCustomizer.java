package health.sihha.hie.terminology.server;

import ca.uhn.fhir.rest.server.RestfulServer;

/** Adds to the FHIR endpoint before it starts, e.g. the security interceptors when security is on. */
@FunctionalInterface
public interface TerminologyServerCustomizer {

  void customize(RestfulServer server);
}
