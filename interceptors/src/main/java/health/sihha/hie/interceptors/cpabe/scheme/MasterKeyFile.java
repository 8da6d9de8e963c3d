package health.sihha.hie.interceptors.cpabe.scheme;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import health.sihha.hie.interceptors.Codes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/** A master key in a file of its own: {@link MasterKey#toBytes()} as is, readable by its owner only. */
public final class MasterKeyFile {

  private MasterKeyFile() {}

  /**
   * Writes {@code key} to a new file {@code path} (never over an existing one), with permissions {@code rw-------}
   * where the file system has POSIX permissions.
   */
  public static void write(Path path, MasterKey key) {
    requireNonNull(path, "path");
    byte[] bytes = key.toBytes();
    try {
      FileAttribute<?>[] ownerOnly = path.getFileSystem().supportedFileAttributeViews().contains("posix")
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
              Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))}
          : new FileAttribute<?>[0];
      Files.createFile(path, ownerOnly);
      try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
        out.write(bytes);
      }
    } catch (FileAlreadyExistsException e) {
      throw new InternalErrorException(Codes.of(1424) + "will not overwrite the existing key file " + path, e);
    } catch (IOException e) {
      throw new InternalErrorException(Codes.of(1424) + "cannot write the master key file " + path, e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Reads the master key in {@code path}; see {@link MasterKey#fromBytes} for the checks. */
  public static MasterKey read(Path path) {
    requireNonNull(path, "path");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new InternalErrorException(Codes.of(1424) + "cannot read the master key file " + path, e);
    }
    try {
      return MasterKey.fromBytes(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
