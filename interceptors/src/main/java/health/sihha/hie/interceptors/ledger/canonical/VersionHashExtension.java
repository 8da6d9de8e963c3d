package health.sihha.hie.interceptors.ledger.canonical;

import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;

/**
 * The extension by which a provider's notification entry carries its version's hashes (AGGREGATION.md): part
 * {@code salted}, the hash its ledger anchors, and part {@code unsalted}, SHA-256 of the canonical form, each in
 * hexadecimal.
 */
public final class VersionHashExtension {

  public static final String URL = "https://sihha.health/fhir/StructureDefinition/version-hash";

  private VersionHashExtension() {}

  /** The extension carrying {@code digest}. */
  public static Extension of(ResourceDigest digest) {
    Extension hash = new Extension(URL);
    hash.addExtension("salted", new StringType(digest.salted().toHex()));
    hash.addExtension("unsalted", new StringType(digest.unsalted().toHex()));
    return hash;
  }
}
