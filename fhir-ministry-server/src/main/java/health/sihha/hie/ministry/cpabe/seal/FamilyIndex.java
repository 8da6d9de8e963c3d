package health.sihha.hie.ministry.cpabe.seal;

import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The blind index of family names: HMAC-SHA256 of the normalised family name (upper case, no accents, punctuation or
 * repeated spaces), stored on a sealed Patient's projection as an identifier of system {@value #SYSTEM}, so that
 * linking still finds the persons with the same family name once names are sealed. The key is a file of its own
 * beside the master key file, never in the database: without it a digest cannot be tested against a list of names.
 */
public final class FamilyIndex {

  /** The identifier system of the digests on a sealed Patient. */
  public static final String SYSTEM = "https://sihha.health/fhir/sid/family-name-index";

  private static final String HMAC = "HmacSHA256";
  private static final int KEY_BYTES = 32;

  private final SecretKeySpec key;

  FamilyIndex(byte[] key) {
    if (key.length < KEY_BYTES) {
      throw new IllegalArgumentException("the family name index key must have at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), HMAC);
  }

  /** The index of the key in {@code file}, created (owner-only) on first start. */
  static FamilyIndex fromKeyFile(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return new FamilyIndex(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the family name index key " + file, e);
    }
  }

  /** The digest of {@code family}, or empty for a name that normalises to nothing. */
  public String digest(@Nullable String family) {
    String normalised = normalise(family);
    if (normalised.isEmpty()) {
      return "";
    }
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  /** Upper case without accents, punctuation or repeated spaces: how linking compares names. */
  public static String normalise(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return plain.toUpperCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} ]", " ").replaceAll("\\s+", " ").strip();
  }

  private static void create(Path file) throws IOException {
    byte[] fresh = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(fresh);
    Files.createDirectories(file.toAbsolutePath().getParent());
    String text = Base64.getEncoder().encodeToString(fresh);
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(Set.copyOf(
            PosixFilePermissions.fromString("rw-------"))));
      } else {
        Files.createFile(file);
      }
      Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (FileAlreadyExistsException createdMeanwhile) {
      // another instance created it first: its key is the one
    }
  }
}
