package health.sihha.hie.ministry.replication;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import health.sihha.hie.interceptors.security.KeycloakEndpoints;
import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import health.sihha.hie.server.security.SecurityProperties;
import jakarta.annotation.Nullable;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * FHIR clients of the providers' bases, for {@code $events}, searches and history. With {@code sihha.security.enabled}
 * and a {@code sihha.ministry.replication.client-secret}, every call carries the ministry's client-credentials token.
 */
@Component
public class ProviderClients {

  private final FhirContext fhirContext;
  private final @Nullable ClientCredentials credentials;

  ProviderClients(FhirContext fhirContext, ReplicationProperties settings, ObjectProvider<SecurityProperties> security) {
    this.fhirContext = requireNonNull(fhirContext);
    SecurityProperties secured = security.getIfAvailable();
    this.credentials = secured != null && secured.enabled() && settings.clientSecret() != null
        ? new ClientCredentials(KeycloakEndpoints.of(secured.issuer()).token(), settings.clientId(),
            settings.clientSecret(), settings.scope(), settings.timeout())
        : null;
  }

  public IGenericClient of(RegisteredProvider provider) {
    fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    IGenericClient client = fhirContext.newRestfulGenericClient(provider.fhirBase().toString());
    if (credentials != null) {
      client.registerInterceptor(new IClientInterceptor() {
        @Override
        public void interceptRequest(IHttpRequest request) {
          request.addHeader("Authorization", "Bearer " + credentials.token());
        }

        @Override
        public void interceptResponse(IHttpResponse response) {
          // nothing to see in the answer
        }
      });
    }
    return client;
  }

  /** {@code GET Subscription/<id>/$events}: the events numbered {@code since} to {@code until} (open when null). */
  Bundle events(RegisteredProvider provider, String subscription, long since, @Nullable Long until) {
    Parameters parameters = new Parameters();
    parameters.addParameter("eventsSinceNumber", new StringType(Long.toString(since)));
    if (until != null) {
      parameters.addParameter("eventsUntilNumber", new StringType(Long.toString(until)));
    }
    parameters.addParameter("content", new StringType("full-resource"));
    return of(provider).operation().onInstance(new IdType("Subscription", subscription)).named("$events")
        .withParameters(parameters).useHttpGet().returnResourceType(Bundle.class).execute();
  }
}
