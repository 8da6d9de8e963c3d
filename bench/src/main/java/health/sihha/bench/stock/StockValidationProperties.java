package health.sihha.bench.stock;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HAPI's request validation on the stock server, from {@code stock-hapi.validation.*}; off unless the
 * {@code validating} profile of {@code stock-hapi.yaml} turns it on.
 *
 * @param enabled whether every request body is validated before HAPI processes it (HAPI's
 *     {@code RequestValidatingInterceptor}; an error refuses the request with 422)
 * @param suppressedMessages validator messages dropped before the verdict, as Java regular expressions matched
 *     anywhere in the message, ignoring case (HAPI's {@code ValidationMessageSuppressingInterceptor})
 */
@ConfigurationProperties("stock-hapi.validation")
record StockValidationProperties(
    @DefaultValue("false") boolean enabled, @DefaultValue List<String> suppressedMessages) {

  StockValidationProperties {
    suppressedMessages = List.copyOf(suppressedMessages);
  }
}
