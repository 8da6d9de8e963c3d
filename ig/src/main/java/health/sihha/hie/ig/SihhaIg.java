package health.sihha.hie.ig;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.utilities.npm.NpmPackage;

/** The Sihha implementation guide: its identity and how a server loads its FHIR package. */
public final class SihhaIg {

  public static final String CANONICAL = "https://sihha.health/fhir";
  public static final String PACKAGE_ID = "health.sihha.ig";
  public static final String PACKAGE_VERSION = "0.1.0";
  public static final String PACKAGE_CLASSPATH = "classpath:ig/health.sihha.ig.tgz";
  public static final String NATIONAL_ID_SYSTEM = CANONICAL + "/sid/national-id";

  private static final String PACKAGE_RESOURCE = "/ig/health.sihha.ig.tgz";

  private SihhaIg() {}

  /** The IG's CapabilityStatement with this id ({@code sihha-provider}, {@code sihha-ministry}). */
  public static CapabilityStatement capabilityStatement(FhirContext fhirContext, String id) {
    try (InputStream tgz = SihhaIg.class.getResourceAsStream(PACKAGE_RESOURCE)) {
      if (tgz == null) {
        throw new IllegalStateException("no IG package " + PACKAGE_RESOURCE + " on the classpath");
      }
      NpmPackage npmPackage = NpmPackage.fromPackage(tgz);
      String file = "CapabilityStatement-" + id + ".json";
      if (!npmPackage.hasFile("package", file)) {
        throw new IllegalArgumentException("the IG has no CapabilityStatement " + id);
      }
      try (InputStream json = npmPackage.load("package", file)) {
        return fhirContext.newJsonParser().parseResource(CapabilityStatement.class, json);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the IG package " + PACKAGE_RESOURCE, e);
    }
  }

  /**
   * The IG's profiles, extensions, value sets, code systems and capability statements as a link of a validation
   * support chain.
   */
  public static NpmPackageValidationSupport validationSupport(FhirContext fhirContext) {
    NpmPackageValidationSupport support = new NpmPackageValidationSupport(fhirContext);
    try {
      support.loadPackageFromClasspath(PACKAGE_CLASSPATH);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the IG package " + PACKAGE_CLASSPATH, e);
    }
    return support;
  }
}
