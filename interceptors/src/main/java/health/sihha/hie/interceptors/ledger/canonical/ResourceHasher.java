package health.sihha.hie.interceptors.ledger.canonical;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.EntryKind;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Date;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * Hashes resource versions for the ledger: SHA-256 over {@code salt ‖ canonical UTF-8 bytes} (the salted hash the
 * ledger anchors) and over the canonical bytes alone (the unsalted hash, for transport). Thread-safe.
 */
public final class ResourceHasher {

  private final ResourceCanonicalizer canonicalizer;
  private final NodeSalt salt;

  public ResourceHasher(ResourceCanonicalizer canonicalizer, NodeSalt salt) {
    this.canonicalizer = requireNonNull(canonicalizer);
    this.salt = requireNonNull(salt);
  }

  /** Both hashes of {@code resource}'s canonical form. */
  public ResourceDigest digest(IBaseResource resource) {
    return digest(canonicalizer.canonicalBytes(resource));
  }

  /** Both hashes of the canonical form of the resource in {@code resourceJson}. */
  public ResourceDigest digest(String resourceJson) {
    return digest(canonicalizer.canonicalJson(resourceJson).getBytes(StandardCharsets.UTF_8));
  }

  private ResourceDigest digest(byte[] canonical) {
    return new ResourceDigest(saltedHash(salt, canonical), unsaltedHash(canonical), canonical.length);
  }

  /** The salted hash of {@code resource}: what its ledger entry holds. */
  public Hash saltedHash(IBaseResource resource) {
    return saltedHash(salt, canonicalizer.canonicalBytes(resource));
  }

  /** SHA-256({@code salt} ‖ {@code canonical}). */
  public static Hash saltedHash(NodeSalt salt, byte[] canonical) {
    MessageDigest digest = Sha256.newDigest();
    salt.update(digest);
    digest.update(canonical);
    return new Hash(digest.digest());
  }

  /** SHA-256({@code canonical}). */
  public static Hash unsaltedHash(byte[] canonical) {
    return Sha256.of(canonical);
  }

  /**
   * The ledger entry of {@code resource} as stored: its type, logical id, version ({@code meta.versionId} or the
   * version of its id) and {@code meta.lastUpdated}, with its salted hash. The resource must carry all of them, as
   * it does once the server has stored it.
   */
  public LedgerEntry entry(EntryKind kind, IBaseResource resource) {
    String type = canonicalizer.context().getResourceType(resource);
    IIdType id = resource.getIdElement();
    String version = resource.getMeta().getVersionId();
    if (version == null && id != null) {
      version = id.getVersionIdPart();
    }
    Date lastUpdated = resource.getMeta().getLastUpdated();
    if (id == null || id.getIdPart() == null || version == null || lastUpdated == null) {
      throw new InvalidRequestException(Codes.of(1456) + "a " + type
          + " without logical id, version or lastUpdated cannot be anchored; anchor versions as stored");
    }
    return LedgerEntry.of(kind, type, id.getIdPart(), version, saltedHash(resource), lastUpdated.toInstant());
  }
}
