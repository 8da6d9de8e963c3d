package health.sihha.hie.keycloak.launch;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RoleModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * {@code POST /realms/{realm}/smart-launch/launches} with form fields {@code patient}, {@code client_id} (the SMART app
 * to be launched), {@code aud} (the FHIR server it is launched against) and optionally {@code expires_in} (seconds, at
 * most the configured lifespan): an EHR, authenticated by a bearer token of a holder of the realm role
 * {@value #EHR_ROLE} of a facility whose token names {@code aud}, registers an EHR launch and gets back the opaque
 * {@code launch} value to pass to the SMART app. The launch is bound to that app, that server and the EHR's facility,
 * and is redeemed at most once (see {@link LaunchRegistry}).
 */
final class LaunchResource implements RealmResourceProvider {

  static final String EHR_ROLE = "system";
  static final String FACILITY_CLAIM = "facility";

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
  public Response register(@FormParam("patient") String patient, @FormParam("client_id") String client,
      @FormParam("aud") String aud, @FormParam("expires_in") String expiresIn) {
    AuthResult caller = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
    if (caller == null) {
      return error(Response.Status.UNAUTHORIZED, "invalid_token", "a valid bearer token is required");
    }
    RoleModel ehr = session.getContext().getRealm().getRole(EHR_ROLE);
    if (ehr == null || !caller.getUser().hasRole(ehr)) {
      return error(Response.Status.FORBIDDEN, "insufficient_scope", "the realm role " + EHR_ROLE + " is required");
    }
    Object facility = caller.getToken().getOtherClaims().get(FACILITY_CLAIM);
    if (!(facility instanceof String ehrFacility) || ehrFacility.isBlank()) {
      return error(Response.Status.FORBIDDEN, "insufficient_scope", "the EHR's token names no facility");
    }
    Launch launch;
    long lifespan;
    try {
      launch = new Launch(patient, client, aud, ehrFacility);
      lifespan = lifespan(expiresIn);
    } catch (LaunchContextException e) {
      return error(Response.Status.BAD_REQUEST, "invalid_request", e.getMessage());
    }
    if (session.getContext().getRealm().getClientByClientId(launch.client()) == null) {
      return error(Response.Status.BAD_REQUEST, "invalid_request", "unknown client_id");
    }
    String[] audiences = caller.getToken().getAudience();
    if (audiences == null || !Arrays.asList(audiences).contains(launch.aud())) {
      return error(Response.Status.FORBIDDEN, "insufficient_scope", "aud is not a server of the EHR's facility");
    }
    String token = new LaunchRegistry(session.singleUseObjects()).register(launch, lifespan);
    return Response.status(Response.Status.CREATED).entity(Map.of("launch", token, "patient", launch.patient(),
        "client_id", launch.client(), "aud", launch.aud(), "expires_in", lifespan)).build();
  }

  /** The requested lifespan: at most the configured one, which is the default. */
  private long lifespan(String expiresIn) {
    if (expiresIn == null || expiresIn.isBlank()) {
      return lifespanSeconds;
    }
    try {
      long seconds = Long.parseLong(expiresIn.trim());
      if (seconds < 1 || seconds > lifespanSeconds) {
        throw new LaunchContextException("expires_in must be between 1 and " + lifespanSeconds);
      }
      return seconds;
    } catch (NumberFormatException e) {
      throw new LaunchContextException("expires_in is not a number of seconds");
    }
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
