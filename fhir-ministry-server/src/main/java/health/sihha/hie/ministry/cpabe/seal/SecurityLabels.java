package health.sihha.hie.ministry.cpabe.seal;

/** The security labels the sealing rules and the labeller use (HL7 v3 ActCode and Confidentiality). */
public final class SecurityLabels {

  public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
  public static final String CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

  public static final String HIV = "HIV";
  public static final String PSY = "PSY";
  public static final String SUD = "SUD";
  public static final String RESTRICTED = "R";
  public static final String VERY_RESTRICTED = "V";

  private SecurityLabels() {}
}
