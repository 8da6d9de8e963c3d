package health.sihha.hie.provider.validation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Validation of writes against the Implementation Guide, from {@code sihha.provider.validation.*}.
 *
 * @param enabled whether writes are validated at all (off only to measure what validation costs)
 * @param threads the threads that validate a transaction's entries side by side before it opens; 0, the default,
 *     gives one per processor
 */
@ConfigurationProperties("sihha.provider.validation")
public record ProfileValidationProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0") int threads) {

  int threadCount() {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }
}
