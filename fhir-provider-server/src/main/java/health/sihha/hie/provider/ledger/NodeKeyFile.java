package health.sihha.hie.provider.ledger;

import health.sihha.hie.interceptors.ledger.canonical.NodeSalt;
import health.sihha.hie.interceptors.ledger.treehead.LedgerKeyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's secrets in one file of three base64 lines: the Ed25519 private key (PKCS#8), its public key (X.509
 * SPKI) and the hashing salt. Generated on first start, readable by its owner only: whoever holds it can sign tree
 * heads as the node and match hashes against guessed records.
 *
 * @param keys the signing key pair
 * @param salt the salt of every anchored hash
 */
record NodeKeyFile(LedgerKeyPair keys, NodeSalt salt) {

  private static final Logger LOG = LoggerFactory.getLogger(NodeKeyFile.class);

  static NodeKeyFile loadOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
      if (lines.size() < 3) {
        throw new IllegalStateException("the ledger key file " + file + " holds " + lines.size() + " lines, not 3");
      }
      Base64.Decoder base64 = Base64.getDecoder();
      return new NodeKeyFile(
          LedgerKeyPair.fromEncoded(base64.decode(lines.get(0).strip()), base64.decode(lines.get(1).strip())),
          NodeSalt.fromBase64(lines.get(2).strip()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the ledger key file " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    LedgerKeyPair keys = LedgerKeyPair.generate();
    Base64.Encoder base64 = Base64.getEncoder();
    String content = base64.encodeToString(keys.privateKeyPkcs8()) + "\n" + base64.encodeToString(keys.publicKeySpki())
        + "\n" + NodeSalt.generate().toBase64() + "\n";
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      // created owner-only, never readable by others even for a moment
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, content, StandardCharsets.US_ASCII);
    LOG.warn("generated the ledger node's key pair and salt into {} ({}); keep this file in a secret store and back"
        + " it up: without it the node's log cannot be extended", file, keys.publicKey().keyId());
  }
}
