package health.sihha.hie.keycloak.launch;

import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Browser-flow step after the login: fixes the patient in context of the SMART launch (see {@link PatientContext})
 * and keeps it as a client-session note for the token mappers. A launch that cannot be resolved ends the flow.
 */
final class LaunchContextAuthenticator implements Authenticator {

  private final PatientContext patients;

  LaunchContextAuthenticator(KeycloakSession session) {
    this.patients = new PatientContext(new LaunchRegistry(session.singleUseObjects())::patient);
  }

  @Override
  public void authenticate(AuthenticationFlowContext context) {
    AuthenticationSessionModel auth = context.getAuthenticationSession();
    UserModel user = context.getUser();
    Optional<String> patient;
    try {
      patient = patients.resolve(auth.getClientNote(SmartNotes.LAUNCH_PARAM),
          auth.getClientNote(OIDCLoginProtocol.SCOPE_PARAM),
          () -> user.getFirstAttribute(SmartNotes.USER_PATIENT_ATTRIBUTE));
    } catch (LaunchContextException e) {
      Response page = context.form().setError(e.getMessage()).createErrorPage(Response.Status.BAD_REQUEST);
      context.failure(AuthenticationFlowError.ACCESS_DENIED, page, e.getMessage(), e.getMessage());
      return;
    }
    patient.ifPresentOrElse(id -> auth.setClientNote(SmartNotes.PATIENT, id),
        () -> auth.removeClientNote(SmartNotes.PATIENT));
    context.success();
  }

  @Override
  public void action(AuthenticationFlowContext context) {
    context.success();
  }

  @Override
  public boolean requiresUser() {
    return true;
  }

  @Override
  public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
    return true;
  }

  @Override
  public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
  }

  @Override
  public void close() {
  }
}
