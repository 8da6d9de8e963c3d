package org.hl7.fhir.utilities;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stands in for the FHIR core library's {@code OIDUtilities} (6.7.9, on the provider's classpath behind this class):
 * the core's {@code InstanceValidator} creates one per validation, and the core's version parses its 1.5 MB registry
 * ({@code oidregistry.csv}, 21,000 OIDs) each time, which profiled at a third of the CPU of a validated write. This
 * one reads the registry once per JVM and answers the same: {@code OidUtilitiesParityTest} compares it with the core's
 * class, loaded from its own jar, on every registered OID; it fails, and this class must be revisited, when the core
 * changes what it answers. Remove it once the core caches its registry.
 */
public class OIDUtilities {

  private static final String REGISTRY = "oidregistry.csv";
  private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");
  /** The core's own table of code systems known by OID (HL7 OID registry). */
  private static final Map<String, String> URIS = Map.ofEntries(
      Map.entry("2.16.840.1.113883.6.96", "http://snomed.info/sct"),
      Map.entry("2.16.840.1.113883.6.1", "http://loinc.org"),
      Map.entry("2.16.840.1.113883.6.8", "http://unitsofmeasure.org"),
      Map.entry("2.16.840.1.113883.6.3", "http://hl7.org/fhir/sid/icd-10"),
      Map.entry("2.16.840.1.113883.6.42", "http://hl7.org/fhir/sid/icd-9"),
      Map.entry("2.16.840.1.113883.6.104", "http://hl7.org/fhir/sid/icd-9"),
      Map.entry("2.16.840.1.113883.6.103", "http://hl7.org/fhir/sid/icd-9"),
      Map.entry("2.16.840.1.113883.6.73", "http://www.whocc.no/atc"),
      Map.entry("2.16.840.1.113883.3.26.1.1", "http://ncimeta.nci.nih.gov"),
      Map.entry("2.16.840.1.113883.3.26.1.1.1", "http://ncimeta.nci.nih.gov"),
      Map.entry("2.16.840.1.113883.6.88", "http://www.nlm.nih.gov/research/umls/rxnorm"),
      Map.entry("2.16.840.1.113883.6.59", "http://hl7.org/fhir/sid/cvx"),
      Map.entry("2.16.840.1.113883.12.292", "http://hl7.org/fhir/sid/cvx"),
      Map.entry("2.16.840.1.113883.6.12", "http://www.ama-assn.org/go/cpt"));

  /** Loaded on first use, once: the holder idiom keeps it lazy and thread-safe. */
  private static final class Registry {
    static final Set<String> KNOWN = read();
  }

  public static String getUriForOid(String oid) {
    return oid == null ? null : URIS.get(oid);
  }

  public static String oidTail(String id) {
    return id == null || !id.contains(".") ? id : id.substring(id.lastIndexOf('.') + 1);
  }

  public static String oidRoot(String id) {
    return id == null || !id.contains(".") ? id : id.substring(0, id.indexOf('.'));
  }

  public static boolean isValidOID(String oid) {
    return OID.matcher(oid).matches();
  }

  public boolean isKnownOID(String url) {
    return url != null && url.startsWith("urn:oid:") && Registry.KNOWN.contains(url.substring("urn:oid:".length()));
  }

  /** The OIDs of the registry's rows that have all four columns, the header skipped, as the core reads them. */
  private static Set<String> read() {
    Set<String> known = new HashSet<>();
    try (InputStream in = OIDUtilities.class.getClassLoader().getResourceAsStream(REGISTRY);
        BufferedReader reader = new BufferedReader(new InputStreamReader(requireFound(in), StandardCharsets.UTF_8))) {
      reader.readLine();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] columns = line.split(",");
        if (columns.length >= 4) {
          known.add(columns[0].trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + REGISTRY, e);
    }
    return Set.copyOf(known);
  }

  private static InputStream requireFound(InputStream in) {
    if (in == null) {
      throw new IllegalStateException(REGISTRY + " is not on the classpath (org.hl7.fhir.utilities jar)");
    }
    return in;
  }
}
