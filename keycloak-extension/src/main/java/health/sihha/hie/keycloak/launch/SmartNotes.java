package health.sihha.hie.keycloak.launch;

/** Names under which the launch context travels from the authorization request to the token. */
public final class SmartNotes {

  /** Client-session note holding the id of the patient in context. */
  public static final String PATIENT = "sihha.smart.patient";
  /** Authentication-session note where Keycloak keeps the SMART {@code launch} request parameter. */
  static final String LAUNCH_PARAM = "client_request_param_launch";
  /** Authentication-session note where Keycloak keeps the SMART {@code aud} request parameter. */
  static final String AUD_PARAM = "client_request_param_aud";
  /** User attribute (multi-valued) naming the patients a user picks from in a standalone launch. */
  static final String USER_PATIENT_ATTRIBUTE = "patient";

  private SmartNotes() {}
}
