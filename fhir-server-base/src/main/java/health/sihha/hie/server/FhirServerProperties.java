package health.sihha.hie.server;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every Sihha FHIR server shares.
 *
 * @param dataDir where the embedded database and the Lucene index live
 * @param maxRequestSize the largest request body accepted; larger ones get 413
 * @param defaultPageSize search page size when the client gives no {@code _count}
 * @param maxPageSize the largest {@code _count} honoured
 * @param schema how the database schema is created and upgraded
 */
@Validated
@ConfigurationProperties("sihha.fhir")
public record FhirServerProperties(
    @DefaultValue("./data") @NotNull Path dataDir,
    @DefaultValue("32MB") @NotNull DataSize maxRequestSize,
    @DefaultValue("20") @Positive int defaultPageSize,
    @DefaultValue("500") @Positive int maxPageSize,
    @DefaultValue("HAPI_MIGRATOR") @NotNull SchemaManagement schema) {

  /** Who creates the tables. */
  public enum SchemaManagement {
    /** HAPI's own migration tasks ({@code hapi-fhir-sql-migrate}), as HAPI recommends for production. */
    HAPI_MIGRATOR,
    /** Hibernate's {@code ddl-auto=update}: only for throw-away databases. */
    HIBERNATE_UPDATE
  }
}
