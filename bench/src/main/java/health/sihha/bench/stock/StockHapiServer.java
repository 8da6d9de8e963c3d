package health.sihha.bench.stock;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import health.sihha.hie.server.jpa.HapiJpaServerConfig;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The benchmarks' baseline: a stock HAPI JPA R4 server. HAPI's default storage settings, no subscription types, no
 * Sihha interceptors and no Hibernate Search (as in HAPI's JPA server starter), on the same kind of database as the
 * Sihha servers (H2 file; PostgreSQL with the {@code postgres} profile). The {@code terminology} profile turns
 * Hibernate Search on and raises the expansion limit, for the terminology benchmark; the {@code validating} profile
 * validates every request body with HAPI's {@code RequestValidatingInterceptor} against the Sihha IG, for the ingest
 * benchmark ({@link StockValidationConfig}; see {@code stock-hapi.yaml}).
 *
 * <pre>
 * java -Dloader.main=health.sihha.bench.stock.StockHapiServer -jar bench/target/sihha-bench.jar \
 *     --server.port=18090 --sihha.fhir.data-dir=/tmp/stock-hapi
 * </pre>
 *
 * <p>Its settings come from {@code stock-hapi.yaml}, never from another application's {@code application.yaml}.
 */
@SpringBootApplication
@EnableConfigurationProperties({StockStorageProperties.class, StockValidationProperties.class})
@Import({HapiJpaServerConfig.class, StockRestConfig.class, StockValidationConfig.class})
public class StockHapiServer {

  public static void main(String[] args) {
    new SpringApplicationBuilder(StockHapiServer.class).properties("spring.config.name=stock-hapi").run(args);
  }

  @Bean
  JpaStorageSettings storageSettings(StockStorageProperties storage) {
    return storage.toSettings();
  }

  @Bean
  SubscriptionSettings subscriptionSettings() {
    return new SubscriptionSettings();
  }
}
