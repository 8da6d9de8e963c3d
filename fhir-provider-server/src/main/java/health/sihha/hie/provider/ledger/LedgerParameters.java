package health.sihha.hie.provider.ledger;

import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.merkle.ConsistencyProof;
import health.sihha.hie.interceptors.ledger.merkle.InclusionProof;
import health.sihha.hie.interceptors.ledger.treehead.LedgerPublicKey;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;

/**
 * The ledger's values as FHIR {@code Parameters} parts: hashes in hexadecimal, signatures, keys and encoded entries in
 * base64, sizes and indexes as integers (a log of more than 2^31 entries would need another type).
 */
final class LedgerParameters {

  private LedgerParameters() {}

  static void entry(Parameters out, LedgerEntry entry) {
    ParametersParameterComponent part = out.addParameter().setName("entry");
    part.addPart().setName("key").setValue(new StringType(entry.key().toString()));
    part.addPart().setName("hash").setValue(new StringType(entry.hash().toHex()));
    part.addPart().setName("time").setValue(new InstantType(Date.from(entry.time())));
    part.addPart().setName("encoded").setValue(new Base64BinaryType(entry.encode()));
  }

  static void inclusion(Parameters out, InclusionProof proof) {
    out.addParameter().setName("leafIndex").setValue(integer(proof.leafIndex()));
    out.addParameter().setName("treeSize").setValue(integer(proof.treeSize()));
    path(out, "path", proof.path());
  }

  static void consistency(Parameters out, ConsistencyProof proof) {
    out.addParameter().setName("firstSize").setValue(integer(proof.firstSize()));
    out.addParameter().setName("secondSize").setValue(integer(proof.secondSize()));
    path(out, "path", proof.path());
  }

  private static void path(Parameters out, String name, List<Hash> path) {
    for (Hash hash : path) {
      out.addParameter().setName(name).setValue(new StringType(hash.toHex()));
    }
  }

  static void treeHead(Parameters out, String name, SignedTreeHead head) {
    ParametersParameterComponent part = out.addParameter().setName(name);
    part.addPart().setName("nodeId").setValue(new StringType(head.nodeId()));
    part.addPart().setName("treeSize").setValue(integer(head.treeSize()));
    part.addPart().setName("rootHash").setValue(new StringType(head.rootHash().toHex()));
    part.addPart().setName("timestamp").setValue(new InstantType(Date.from(head.timestamp())));
    part.addPart().setName("signature").setValue(new Base64BinaryType(head.signature()));
  }

  static void publicKey(Parameters out, String nodeId, LedgerPublicKey key) {
    out.addParameter().setName("nodeId").setValue(new StringType(nodeId));
    out.addParameter().setName("keyId").setValue(new StringType(key.keyId()));
    out.addParameter().setName("spki").setValue(new Base64BinaryType(key.spki()));
    out.addParameter().setName("jwk").setValue(new StringType(key.toJwk()));
  }

  private static IntegerType integer(long value) {
    return new IntegerType(Math.toIntExact(value));
  }
}
