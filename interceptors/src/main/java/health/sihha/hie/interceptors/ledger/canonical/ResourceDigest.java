package health.sihha.hie.interceptors.ledger.canonical;

import static java.util.Objects.requireNonNull;

import health.sihha.hie.interceptors.ledger.Hash;

/**
 * The two hashes of one resource version's canonical form.
 *
 * @param salted SHA-256(salt ‖ canonical UTF-8 bytes): what the ledger anchors
 * @param unsalted SHA-256(canonical UTF-8 bytes): for transport, where the receiver holds the resource anyway (e.g.
 *     to check that the ministry stored what the provider sent); never put on the ledger
 * @param canonicalLength the length of the canonical form in UTF-8 bytes
 */
public record ResourceDigest(Hash salted, Hash unsalted, int canonicalLength) {

  public ResourceDigest {
    requireNonNull(salted);
    requireNonNull(unsalted);
  }
}
