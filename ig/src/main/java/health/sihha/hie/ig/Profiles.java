package health.sihha.hie.ig;

/** The canonical URLs of the IG's profiles. */
public final class Profiles {

  private static final String BASE = SihhaIg.CANONICAL + "/StructureDefinition/";

  public static final String PATIENT = BASE + "sihha-patient";
  public static final String PRACTITIONER = BASE + "sihha-practitioner";
  public static final String PRACTITIONER_ROLE = BASE + "sihha-practitioner-role";
  public static final String LOCATION_WARD = BASE + "sihha-location-ward";
  public static final String LOCATION_ROOM = BASE + "sihha-location-room";
  public static final String LOCATION_BED = BASE + "sihha-location-bed";
  public static final String ENCOUNTER_VISIT = BASE + "sihha-encounter-visit";
  public static final String ENCOUNTER_HOSPITALIZATION = BASE + "sihha-encounter-hospitalization";
  public static final String OBSERVATION_LAB = BASE + "sihha-observation-lab";
  public static final String DIAGNOSTIC_REPORT_LAB = BASE + "sihha-diagnostic-report-lab";
  public static final String MEDICATION = BASE + "sihha-medication";
  public static final String MEDICATION_REQUEST = BASE + "sihha-medication-request";
  public static final String MEDICATION_DISPENSE = BASE + "sihha-medication-dispense";
  public static final String SUPPLY_DELIVERY = BASE + "sihha-supply-delivery";

  /** The extension on Medication giving the stock level under which a low-stock Flag is raised. */
  public static final String REORDER_LEVEL_EXTENSION = BASE + "reorder-level";
  public static final String STOCK_LOCATION_EXTENSION = BASE + "stock-location";

  private Profiles() {}
}
