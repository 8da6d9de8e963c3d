package health.sihha.hie.ministry.linking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The blind index key: from the settings, else from a key file generated on first start (demo). */
final class BlindIndexKey {

  private static final Logger LOG = LoggerFactory.getLogger(BlindIndexKey.class);

  private BlindIndexKey() {}

  static byte[] resolve(String configured, Path keyFile) {
    if (!configured.isBlank()) {
      return Base64.getDecoder().decode(configured.strip());
    }
    try {
      if (!Files.exists(keyFile)) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
        LOG.warn("sihha.ministry.linking.blind-index-key is not set: generated a demo key into {}; set the key from"
            + " a secret store in production", keyFile);
      }
      return Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the blind index key file " + keyFile, e);
    }
  }
}
