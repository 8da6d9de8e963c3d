package health.sihha.hie.provider.ledger;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The provider's ledger node.
 *
 * @param enabled whether written versions are queued and anchored; off only to measure what the ledger costs (the
 *     ingest benchmark): a provider without it writes no ledger entries, so its versions have no proofs
 * @param nodeId the node's name in its signed tree heads
 * @param batchSize the most resource versions appended under one signed tree head
 * @param flushEvery the pause between two runs of the background appender
 * @param keyFile the node's Ed25519 key pair and hashing salt; empty: {@code ${sihha.fhir.data-dir}/ledger/node.key},
 *     generated on first start with owner-only permissions
 * @param serverBases the base URLs by which this server is known: references to them are made relative before
 *     hashing, so a version hashes the same whichever base its client used
 */
@Validated
@ConfigurationProperties("sihha.provider.ledger")
record LedgerProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("provider-a") @NotBlank String nodeId,
    @DefaultValue("512") @Positive int batchSize,
    @DefaultValue("500ms") @NotNull Duration flushEvery,
    @DefaultValue("") @NotNull String keyFile,
    @DefaultValue("http://127.0.0.1:8081/fhir") @NotNull List<String> serverBases) {

  Path keyFile(Path dataDir) {
    return keyFile.isBlank() ? dataDir.resolve("ledger").resolve("node.key") : Path.of(keyFile);
  }
}
