package health.sihha.hie.ministry.cpabe.authority;

import static java.util.Objects.requireNonNull;

import health.sihha.hie.interceptors.cpabe.scheme.MasterKey;
import health.sihha.hie.interceptors.cpabe.scheme.MasterKeyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key in a file readable by its owner only ({@link MasterKeyFile}), in a folder of its own. The first start
 * creates it; two instances starting at once on one shared file both end up with the one that was written first.
 */
public final class FileMasterKeyStore implements MasterKeyStore {

  private static final Logger LOG = LoggerFactory.getLogger(FileMasterKeyStore.class);

  private final Path file;

  public FileMasterKeyStore(Path file) {
    this.file = requireNonNull(file).toAbsolutePath();
  }

  @Override
  public MasterKey loadOrCreate(Supplier<MasterKey> setup) {
    if (Files.exists(file)) {
      return MasterKeyFile.read(file);
    }
    createFolder();
    MasterKey created = setup.get();
    try {
      MasterKeyFile.write(file, created);
      LOG.warn("created the CP-ABE master key {} (setup {}): back it up now; without it the national store's sealed"
          + " content cannot be read", file, created.publicParameters().setupIdHex());
      return created;
    } catch (RuntimeException e) {
      if (e.getCause() instanceof FileAlreadyExistsException) {
        created.destroy();
        return MasterKeyFile.read(file);
      }
      throw e;
    }
  }

  private void createFolder() {
    Path folder = file.getParent();
    try {
      if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(folder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of the master key file " + file, e);
    }
  }
}
