package health.sihha.bench.ingest;

import java.util.Arrays;
import java.util.List;

/**
 * What one load runs against. Stock HAPI is the bench jar's {@code StockHapiServer}; the provider is the
 * {@code fhir-provider-server} jar as built, with security on and its own defaults except what the variant turns off.
 */
enum Variant {

  /** Stock HAPI JPA, no validation, no interceptors. */
  STOCK("stock", "stock HAPI, no validation", false, false, List.of(), List.of()),

  /** Stock HAPI with HAPI's request validation against the Sihha IG (the stock server's {@code validating} profile). */
  STOCK_VALIDATING("stock-validating", "stock HAPI validating", false, false, List.of("validating"), List.of()),

  /**
   * The provider without its profile validation, everything else on; its deliveries go to a port nothing listens on,
   * so that no ministry takes a share of the cores that stock HAPI, its comparison, has to itself.
   */
  VALIDATION_OFF("validation-off", "provider, validation off", true, false, List.of(),
      List.of("--sihha.provider.validation.enabled=false")),

  /** The provider without its ledger (no versions queued or anchored), delivering to a live ministry. */
  LEDGER_OFF("ledger-off", "provider, ledger off", true, true, List.of(),
      List.of("--sihha.provider.ledger.enabled=false")),

  /** The provider with everything on, delivering to a live ministry. */
  ALL_ON("all-on", "provider, everything on", true, true, List.of(), List.of());

  private final String option;
  private final String label;
  private final boolean provider;
  private final boolean liveMinistry;
  private final List<String> profiles;
  private final List<String> arguments;

  Variant(String option, String label, boolean provider, boolean liveMinistry, List<String> profiles,
      List<String> arguments) {
    this.option = option;
    this.label = label;
    this.provider = provider;
    this.liveMinistry = liveMinistry;
    this.profiles = profiles;
    this.arguments = arguments;
  }

  /** The variants named in a {@code --variants} list (comma-separated options), in this enum's order. */
  static List<Variant> parse(String options) {
    List<String> names = Arrays.stream(options.split(",")).map(String::trim).toList();
    for (String name : names) {
      if (Arrays.stream(values()).noneMatch(v -> v.option.equals(name))) {
        throw new IllegalArgumentException("unknown variant " + name + "; known: " + optionList());
      }
    }
    return Arrays.stream(values()).filter(v -> names.contains(v.option)).toList();
  }

  /** Every variant's option, comma-separated, as {@code --variants} takes them. */
  static String optionList() {
    return String.join(",", Arrays.stream(values()).map(Variant::option).toList());
  }

  String option() {
    return option;
  }

  String label() {
    return label;
  }

  /** Whether this runs the Sihha provider (else stock HAPI). */
  boolean provider() {
    return provider;
  }

  /** Whether a ministry server runs beside the provider and takes its notifications. */
  boolean liveMinistry() {
    return liveMinistry;
  }

  /** Spring profiles the server runs with, besides the database's. */
  List<String> profiles() {
    return profiles;
  }

  /** Command-line properties that make this variant. */
  List<String> arguments() {
    return arguments;
  }
}
