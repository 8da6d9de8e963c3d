package health.sihha.hie.server.cors;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cross-origin access to {@code /fhir} for browser apps (SMART apps call the FHIR API and its discovery documents from
 * their own origin).
 *
 * @param allowedOrigins origins or Spring origin patterns ({@code http://127.0.0.1:[*]} = any port); the default
 *     allows loopback apps on any port, as in the demo; empty turns CORS off
 * @param maxAge how long a browser may cache a preflight answer
 */
@Validated
@ConfigurationProperties("sihha.fhir.cors")
public record CorsProperties(
    @DefaultValue({"http://127.0.0.1:[*]", "http://localhost:[*]"}) @NotNull List<String> allowedOrigins,
    @DefaultValue("1h") @NotNull Duration maxAge) {}
