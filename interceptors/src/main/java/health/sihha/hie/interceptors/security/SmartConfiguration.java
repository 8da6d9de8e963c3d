package health.sihha.hie.interceptors.security;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SMART App Launch 2.x discovery document a FHIR server publishes at {@code .well-known/smart-configuration}.
 *
 * @param issuer the authorization server's issuer
 * @param jwksUri its signing keys
 * @param authorizationEndpoint where apps send the user to log in
 * @param tokenEndpoint where apps get tokens
 * @param grantTypesSupported e.g. {@code authorization_code}, {@code client_credentials}
 * @param tokenEndpointAuthMethodsSupported e.g. {@code private_key_jwt}
 * @param tokenEndpointAuthSigningAlgValuesSupported algorithms for {@code private_key_jwt} assertions
 * @param scopesSupported the scopes apps may ask for
 * @param responseTypesSupported {@code code}
 * @param capabilities the SMART capabilities, e.g. {@code launch-standalone}
 * @param codeChallengeMethodsSupported {@code S256}
 */
public record SmartConfiguration(
    URI issuer,
    URI jwksUri,
    URI authorizationEndpoint,
    URI tokenEndpoint,
    List<String> grantTypesSupported,
    List<String> tokenEndpointAuthMethodsSupported,
    List<String> tokenEndpointAuthSigningAlgValuesSupported,
    List<String> scopesSupported,
    List<String> responseTypesSupported,
    List<String> capabilities,
    List<String> codeChallengeMethodsSupported) {

  /** The capabilities the Sihha realm and its launch extension provide. */
  public static final List<String> CAPABILITIES = List.of(
      "launch-standalone", "launch-ehr", "client-public", "client-confidential-symmetric",
      "client-confidential-asymmetric", "context-standalone-patient", "context-ehr-patient", "permission-patient",
      "permission-user", "permission-offline", "permission-v1", "permission-v2", "sso-openid-connect");

  /** The scopes of the Sihha realm's SMART client scopes. */
  public static final List<String> SCOPES = List.of(
      "openid", "fhirUser", "profile", "email", "launch", "launch/patient", "offline_access",
      "patient/*.rs", "patient/Patient.rs", "patient/Observation.rs", "patient/Encounter.rs",
      "patient/DiagnosticReport.rs", "patient/MedicationDispense.rs",
      "user/*.cruds", "user/*.rs", "user/Patient.cruds", "user/Observation.cruds", "user/Encounter.cruds",
      "user/MedicationDispense.cruds", "user/DiagnosticReport.cruds", "user/Practitioner.rs", "user/Location.cruds",
      "system/*.rs", "system/*.cruds", "system/Patient.rs", "system/Observation.rs", "system/Encounter.rs",
      "system/Subscription.cruds");

  public SmartConfiguration {
    requireNonNull(issuer);
    requireNonNull(jwksUri);
    requireNonNull(authorizationEndpoint);
    requireNonNull(tokenEndpoint);
    grantTypesSupported = List.copyOf(grantTypesSupported);
    tokenEndpointAuthMethodsSupported = List.copyOf(tokenEndpointAuthMethodsSupported);
    tokenEndpointAuthSigningAlgValuesSupported = List.copyOf(tokenEndpointAuthSigningAlgValuesSupported);
    scopesSupported = List.copyOf(scopesSupported);
    responseTypesSupported = List.copyOf(responseTypesSupported);
    capabilities = List.copyOf(capabilities);
    codeChallengeMethodsSupported = List.copyOf(codeChallengeMethodsSupported);
  }

  /** The document for a Keycloak realm at {@code issuer}, e.g. {@code http://127.0.0.1:8180/realms/sihha}. */
  public static SmartConfiguration keycloak(URI issuer) {
    KeycloakEndpoints endpoints = KeycloakEndpoints.of(issuer);
    return new SmartConfiguration(
        endpoints.issuer(),
        endpoints.jwks(),
        endpoints.authorization(),
        endpoints.token(),
        List.of("authorization_code", "client_credentials"),
        List.of("client_secret_basic", "client_secret_post", "private_key_jwt"),
        List.of("RS384", "ES384", "RS256"),
        SCOPES,
        List.of("code"),
        CAPABILITIES,
        List.of("S256"));
  }

  /** The document as JSON, with the field names of the SMART specification. */
  public String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("issuer", issuer.toString());
    json.put("jwks_uri", jwksUri.toString());
    json.put("authorization_endpoint", authorizationEndpoint.toString());
    json.put("token_endpoint", tokenEndpoint.toString());
    json.put("grant_types_supported", grantTypesSupported);
    json.put("token_endpoint_auth_methods_supported", tokenEndpointAuthMethodsSupported);
    json.put("token_endpoint_auth_signing_alg_values_supported", tokenEndpointAuthSigningAlgValuesSupported);
    json.put("scopes_supported", scopesSupported);
    json.put("response_types_supported", responseTypesSupported);
    json.put("capabilities", capabilities);
    json.put("code_challenge_methods_supported", codeChallengeMethodsSupported);
    return JSONObjectUtils.toJSONString(json);
  }
}
