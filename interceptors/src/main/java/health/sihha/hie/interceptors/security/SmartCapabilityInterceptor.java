package health.sihha.hie.interceptors.security;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import health.sihha.hie.interceptors.HieOrder;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * Declares SMART on FHIR in the CapabilityStatement's {@code rest.security}: the {@code SMART-on-FHIR} service and
 * the OAuth endpoints in the {@code oauth-uris} extension, for clients that discover through {@code /metadata}.
 */
@Interceptor(order = HieOrder.CAPABILITY)
public final class SmartCapabilityInterceptor {

  public static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
  public static final String SECURITY_SERVICE = "http://terminology.hl7.org/CodeSystem/restful-security-service";

  private final SmartConfiguration configuration;

  public SmartCapabilityInterceptor(SmartConfiguration configuration) {
    this.configuration = requireNonNull(configuration);
  }

  @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
  public void declare(IBaseConformance generated) {
    CapabilityStatement statement = (CapabilityStatement) generated;
    if (statement.getRest().isEmpty()) {
      statement.addRest().setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
    }
    statement.getRest().forEach(rest -> secure(rest.getSecurity()));
  }

  private void secure(CapabilityStatementRestSecurityComponent security) {
    security.addService(new CodeableConcept(new Coding(SECURITY_SERVICE, "SMART-on-FHIR", "SMART-on-FHIR"))
        .setText("OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)"));
    Extension oauth = security.addExtension().setUrl(OAUTH_URIS);
    oauth.addExtension("authorize", new UriType(configuration.authorizationEndpoint().toString()));
    oauth.addExtension("token", new UriType(configuration.tokenEndpoint().toString()));
    security.setDescription("Bearer access tokens from " + configuration.issuer()
        + " with SMART App Launch 2.x scopes; discovery at .well-known/smart-configuration");
  }
}
