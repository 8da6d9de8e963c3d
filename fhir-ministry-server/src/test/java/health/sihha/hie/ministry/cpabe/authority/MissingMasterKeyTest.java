package health.sihha.hie.ministry.cpabe.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.sihha.hie.interceptors.cpabe.CpAbe;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A database sealed under a setup whose key file is gone: the ministry refuses to start and generates no key. */
class MissingMasterKeyTest {

  @TempDir
  Path keys;

  @Test
  void aMissingKeyFileWithASetupRecordStopsTheStartAndCreatesNoKey() {
    DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:mem:missing-master-key;DB_CLOSE_DELAY=-1");
    CpAbe abe = new CpAbe();
    Path file = keys.resolve("cpabe-master.key");
    CpAbeProperties properties = new CpAbeProperties(file, 10, Duration.ofSeconds(10));
    new AttributeAuthority(abe, new FileMasterKeyStore(file), new SetupRecord(database), properties,
        Clock.systemUTC());
    assertThat(file).exists();
    assertThat(file.toFile().delete()).isTrue();

    assertThatThrownBy(() -> new AttributeAuthority(abe, new FileMasterKeyStore(file), new SetupRecord(database),
        properties, Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("master key file is missing")
        .hasMessageContaining("restore the backed-up master key file");
    assertThat(file).doesNotExist();
  }
}
