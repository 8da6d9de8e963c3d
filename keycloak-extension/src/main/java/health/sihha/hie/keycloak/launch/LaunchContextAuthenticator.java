package health.sihha.hie.keycloak.launch;

import health.sihha.hie.keycloak.facility.Facilities;
import health.sihha.hie.keycloak.launch.PatientContext.Choose;
import health.sihha.hie.keycloak.launch.PatientContext.Decision;
import health.sihha.hie.keycloak.launch.PatientContext.Selected;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Browser-flow step after the login: fixes the patient in context of the SMART launch (see {@link PatientContext})
 * and keeps it as a client-session note for the token mappers. When the user has several patients, it shows the
 * patient picker ({@value #PICKER_TEMPLATE}) and takes the choice in {@link #action}. A launch that cannot be
 * resolved (unknown, expired, already used, or registered for another app, server or facility) ends the flow.
 */
final class LaunchContextAuthenticator implements Authenticator {

  static final String PICKER_TEMPLATE = "sihha-patient-picker.ftl";
  static final String PATIENT_FIELD = "patient";

  private final LaunchRegistry launches;

  LaunchContextAuthenticator(KeycloakSession session) {
    this.launches = new LaunchRegistry(session.singleUseObjects());
  }

  @Override
  public void authenticate(AuthenticationFlowContext context) {
    AuthenticationSessionModel auth = context.getAuthenticationSession();
    String client = auth.getClient().getClientId();
    String aud = auth.getClientNote(SmartNotes.AUD_PARAM);
    String facility = Facilities.facilityOf(context.getRealm(), context.getUser()).orElse(null);
    // an EHR launch is consumed here, once, and must be the requesting app's, for its aud, of the user's facility
    PatientContext patients = new PatientContext(launch -> launches.redeem(launch)
        .map(registered -> registered.patientFor(client, aud, facility)));
    Decision decision;
    try {
      decision = patients.resolve(auth.getClientNote(SmartNotes.LAUNCH_PARAM),
          auth.getClientNote(OIDCLoginProtocol.SCOPE_PARAM), () -> userPatients(context.getUser()));
    } catch (LaunchContextException e) {
      // a challenge, not a failure: a bad launch is no password guess, and must not count towards the user's
      // brute-force lockout; the error page has no form, so the login ends here without a code
      context.challenge(context.form().setError(e.getMessage()).createErrorPage(Response.Status.BAD_REQUEST));
      return;
    }
    if (decision instanceof Choose choose) {
      context.challenge(picker(context, choose.patients(), null));
      return;
    }
    if (decision instanceof Selected selected) {
      auth.setClientNote(SmartNotes.PATIENT, selected.patient());
    } else {
      auth.removeClientNote(SmartNotes.PATIENT);
    }
    context.success();
  }

  /** The picker's form post: the chosen patient must be one of the user's. */
  @Override
  public void action(AuthenticationFlowContext context) {
    List<String> candidates = PatientContext.candidates(userPatients(context.getUser()));
    String choice = context.getHttpRequest().getDecodedFormParameters().getFirst(PATIENT_FIELD);
    try {
      context.getAuthenticationSession().setClientNote(SmartNotes.PATIENT, PatientContext.choose(choice, candidates));
    } catch (LaunchContextException e) {
      context.challenge(picker(context, candidates, e.getMessage()));
      return;
    }
    context.success();
  }

  private static Response picker(AuthenticationFlowContext context, List<String> candidates, String error) {
    LoginFormsProvider form = context.form().setAttribute("patients", candidates);
    if (error != null) {
      form.setError(error);
    }
    return form.createForm(PICKER_TEMPLATE);
  }

  private static List<String> userPatients(UserModel user) {
    return user.getAttributeStream(SmartNotes.USER_PATIENT_ATTRIBUTE).toList();
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
