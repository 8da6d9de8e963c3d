package health.sihha.hie.server.cors;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * CORS for {@code /fhir} as a servlet filter in front of HAPI: preflight requests are answered before any bearer
 * token is asked for, and the CORS headers are set before HAPI runs, so that a browser app can also read a 401 or
 * 403. Bearer tokens, not cookies, authenticate, so credentials are not allowed.
 */
@Configuration
@EnableConfigurationProperties(CorsProperties.class)
public class CorsConfig {

  private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final List<String> EXPOSED = List.of("Location", "Content-Location", "ETag", "Last-Modified",
      "WWW-Authenticate");

  @Bean
  public FilterRegistrationBean<CorsFilter> fhirCorsFilter(CorsProperties properties, FhirContext fhirContext) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOriginPatterns(properties.allowedOrigins());
    cors.setAllowedMethods(METHODS);
    cors.addAllowedHeader(CorsConfiguration.ALL);
    cors.setExposedHeaders(EXPOSED);
    cors.setAllowCredentials(false);
    cors.setMaxAge(properties.maxAge());
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", cors);
    CorsFilter filter = new CorsFilter(source);
    filter.setCorsProcessor(new OperationOutcomeCorsProcessor(fhirContext));

    FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("fhirCors");
    registration.addUrlPatterns("/fhir/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.setEnabled(!properties.allowedOrigins().isEmpty());
    return registration;
  }
}
