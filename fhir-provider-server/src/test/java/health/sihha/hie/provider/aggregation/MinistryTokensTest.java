package health.sihha.hie.provider.aggregation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Without a token the notification fails, and the outbox retries it. */
class MinistryTokensTest {

  @Test
  void anUnreachableTokenEndpointGivesNoToken() {
    // nothing listens on port 9: asking for a token there fails, as a Keycloak that is down does
    MinistryTokens unreachable = new MinistryTokens(URI.create("http://127.0.0.1:9/token"), "provider-a", "secret",
        "system/*.cruds", Duration.ofSeconds(2));

    assertThatThrownBy(unreachable::fetch).isInstanceOf(MinistryTokens.TokenUnavailableException.class)
        .hasMessageStartingWith("SIHHA-1147");
  }
}
