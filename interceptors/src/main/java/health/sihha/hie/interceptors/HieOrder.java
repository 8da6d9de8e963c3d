package health.sihha.hie.interceptors;

/** Order of the Sihha interceptors on a HAPI server, in one place so the sequence is visible at a glance. */
public final class HieOrder {

  /** The SMART discovery document is answered before anything else looks at the request. */
  public static final int SMART_DISCOVERY = -300;

  /** Denials are audited before HAPI writes the error response. */
  public static final int AUDIT = -200;

  /** Request size checks run before anything reads or parses the body. */
  public static final int REQUEST_LIMITS = -100;

  /** Tokens are checked and scopes applied before any hook reads or changes a resource. */
  public static final int AUTHORIZATION = -90;

  /** A server that only some roles may use (the national store) checks them on the token just verified. */
  public static final int READER_ROLES = -85;

  /** Patients' consents are applied to what a request would be shown, once its scopes allowed it. */
  public static final int CONSENT = -80;

  /** Values derived from others (a lab result's interpretation) are filled in before any check reads them. */
  public static final int ENRICHMENT = -50;

  /** Coded elements are checked against the terminology replica before anything is stored. */
  public static final int CODED_ELEMENTS = 0;

  /** Resources are validated against the Implementation Guide's profiles once coded elements are known good. */
  public static final int PROFILE_VALIDATION = 10;

  /** Clinical invariants (bed occupancy, encounter status, stock balances) run on resources already valid. */
  public static final int CLINICAL_INVARIANTS = 50;

  /**
   * Staff accounts are provisioned in Keycloak last among the storage hooks, once every check of the write has
   * passed, so a refused write does not reach the identity provider.
   */
  public static final int ACCOUNTS = 90;

  /**
   * The ministry seals a resource's content after every other storage hook has seen the plaintext, and opens it
   * before anything else looks at what a request is shown.
   */
  public static final int SEALING = 95;

  /** Capability statement decoration has no ordering constraint; it runs after HAPI builds the statement. */
  public static final int CAPABILITY = 100;

  private HieOrder() {}
}
