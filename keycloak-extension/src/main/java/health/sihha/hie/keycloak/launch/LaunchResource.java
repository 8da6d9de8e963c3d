package health.sihha.hie.keycloak.launch;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RoleModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * {@code POST /realms/{realm}/smart-launch/launches} with form field {@code patient}: an EHR, authenticated by a
 * bearer token of a holder of the realm role {@value #EHR_ROLE}, registers an EHR launch and gets back the opaque
 * {@code launch} value to pass to the SMART app.
 */
final class LaunchResource implements RealmResourceProvider {

  static final String EHR_ROLE = "system";

  private final KeycloakSession session;
  private final long lifespanSeconds;

  LaunchResource(KeycloakSession session, long lifespanSeconds) {
    this.session = session;
    this.lifespanSeconds = lifespanSeconds;
  }

  @Override
  public Object getResource() {
    return this;
  }

  @POST
  @Path("launches")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public Response register(@FormParam("patient") String patient) {
    AuthResult caller = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
    if (caller == null) {
      return error(Response.Status.UNAUTHORIZED, "invalid_token", "a valid bearer token is required");
    }
    RoleModel ehr = session.getContext().getRealm().getRole(EHR_ROLE);
    if (ehr == null || !caller.getUser().hasRole(ehr)) {
      return error(Response.Status.FORBIDDEN, "insufficient_scope", "the realm role " + EHR_ROLE + " is required");
    }
    String launch;
    try {
      launch = new LaunchRegistry(session.singleUseObjects()).register(patient, lifespanSeconds);
    } catch (LaunchContextException e) {
      return error(Response.Status.BAD_REQUEST, "invalid_request", e.getMessage());
    }
    return Response.status(Response.Status.CREATED)
        .entity(Map.of("launch", launch, "patient", patient, "expires_in", lifespanSeconds)).build();
  }

  private static Response error(Response.Status status, String error, String description) {
    Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("error", error, "error_description", description));
    if (status == Response.Status.UNAUTHORIZED) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"" + error + "\"");
    }
    return response.build();
  }

  @Override
  public void close() {
  }
}
