package health.sihha.hie.interceptors.ledger.treehead;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.Hash;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Instant;

/** Signs and verifies tree heads with a node's Ed25519 keys. */
public final class TreeHeads {

  private TreeHeads() {}

  /** A signer of tree heads as node {@code nodeId}. */
  public static Signer signer(String nodeId, LedgerKeyPair keys) {
    return new Signer(nodeId, keys);
  }

  /** Signs tree heads as one node. Thread-safe. */
  public static final class Signer {

    private final String nodeId;
    private final LedgerKeyPair keys;

    private Signer(String nodeId, LedgerKeyPair keys) {
      SignedTreeHead.checkNodeId(nodeId);
      this.nodeId = nodeId;
      this.keys = requireNonNull(keys);
    }

    /** The node's id. */
    public String nodeId() {
      return nodeId;
    }

    /** The node's public key. */
    public LedgerPublicKey publicKey() {
      return keys.publicKey();
    }

    /** The signed tree head of a log of {@code treeSize} entries and root {@code rootHash} at {@code timestamp}. */
    public SignedTreeHead sign(long treeSize, Hash rootHash, Instant timestamp) {
      byte[] data = SignedTreeHead.signedData(nodeId, treeSize, rootHash, timestamp);
      return new SignedTreeHead(nodeId, treeSize, rootHash, timestamp, keys.sign(data));
    }
  }

  /** Whether {@code treeHead} carries a valid signature by {@code key} over its fields. */
  public static boolean verify(SignedTreeHead treeHead, LedgerPublicKey key) {
    return verify(key.key(), treeHead.signedData(), treeHead.signature());
  }

  static boolean verify(PublicKey key, byte[] data, byte[] signatureBytes) {
    try {
      Signature signature = Signature.getInstance(LedgerKeyPair.ALGORITHM);
      signature.initVerify(key);
      signature.update(data);
      return signature.verify(signatureBytes);
    } catch (SignatureException | InvalidKeyException e) {
      // a malformed signature or a key of another kind: not a valid signature
      return false;
    } catch (NoSuchAlgorithmException e) {
      throw new InternalErrorException(Codes.of(1481) + "this Java platform cannot verify Ed25519", e);
    } catch (GeneralSecurityException e) {
      throw new InternalErrorException(Codes.of(1481) + "Ed25519 verification failed", e);
    }
  }
}
