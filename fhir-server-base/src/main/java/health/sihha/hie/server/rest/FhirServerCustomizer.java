package health.sihha.hie.server.rest;

import ca.uhn.fhir.rest.server.RestfulServer;

/** What an application adds to its FHIR endpoint: providers and interceptors, registered explicitly as beans. */
@FunctionalInterface
public interface FhirServerCustomizer {

  void customize(RestfulServer server);
}
