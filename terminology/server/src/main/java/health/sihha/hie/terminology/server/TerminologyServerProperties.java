package health.sihha.hie.terminology.server;

import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The terminology server's settings.
 *
 * @param dataDir where the stored code systems, value sets and concept maps live
 * @param seedDir the terminology tables loaded on first start, when the store is empty (ICD-10-CM, LOINC, RxNorm,
 *     UCUM, one folder each, as in {@code shared/data/terminology}); nothing is loaded when it does not exist
 * @param maxCount the largest {@code count} an {@code $expand} may ask for
 * @param maxExpansionSize the most concepts an {@code $expand} without {@code count} returns
 * @param maxRequestSize the largest request body, uploads of code systems included
 * @param answerCacheSize how many bytes of answers to repeated reads ({@code $expand}, {@code $lookup}...) are kept
 *     in memory until the terminology changes; 0 keeps none
 * @param largestCachedAnswer the largest answer kept there
 */
@Validated
@ConfigurationProperties("sihha.terminology")
public record TerminologyServerProperties(
    @DefaultValue("./data/terminology") String dataDir,
    @DefaultValue("../shared/data/terminology") String seedDir,
    @DefaultValue("1000") @Positive int maxCount,
    @DefaultValue("10000") @Positive int maxExpansionSize,
    @DefaultValue("512MB") DataSize maxRequestSize,
    @DefaultValue("64MB") DataSize answerCacheSize,
    @DefaultValue("256KB") DataSize largestCachedAnswer) {

  /** The store's folder. (Paths are bound as text: Spring's own Path conversion rejects "../" paths.) */
  public Path storeDir() {
    return Path.of(dataDir).resolve("store");
  }

  public Path seedPath() {
    return Path.of(seedDir);
  }
}
