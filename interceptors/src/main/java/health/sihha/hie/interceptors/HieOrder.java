package health.sihha.hie.interceptors;

/** Order of the Sihha interceptors on a HAPI server, in one place so the sequence is visible at a glance. */
public final class HieOrder {

  /** Request size checks run before anything reads or parses the body. */
  public static final int REQUEST_LIMITS = -100;

  /** Coded elements are checked against the terminology replica before anything is stored. */
  public static final int CODED_ELEMENTS = 0;

  /** Capability statement decoration has no ordering constraint; it runs after HAPI builds the statement. */
  public static final int CAPABILITY = 100;

  private HieOrder() {}
}
