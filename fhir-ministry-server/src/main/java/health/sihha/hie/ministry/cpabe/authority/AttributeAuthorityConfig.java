package health.sihha.hie.ministry.cpabe.authority;

import health.sihha.hie.interceptors.cpabe.CpAbe;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The attribute authority and where its master key is kept. */
@Configuration
class AttributeAuthorityConfig {

  @Bean
  CpAbe cpAbe() {
    return new CpAbe();
  }

  /** The key file unless another store (an HSM's) is declared. */
  @Bean
  @ConditionalOnMissingBean
  MasterKeyStore masterKeyStore(CpAbeProperties properties) {
    return new FileMasterKeyStore(properties.masterKeyFile());
  }

  @Bean
  AttributeAuthority attributeAuthority(CpAbe abe, MasterKeyStore store, DataSource dataSource,
      CpAbeProperties properties) {
    return new AttributeAuthority(abe, store, new SetupRecord(dataSource), properties, Clock.systemUTC());
  }
}
