package health.sihha.hie.terminology.server.seed;

import health.sihha.hie.terminology.load.TerminologyLoaders;
import health.sihha.hie.terminology.registry.TerminologyRegistry;
import health.sihha.hie.terminology.server.TerminologyServerProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Seeds before the server reports ready, so that the launcher's readiness wait covers the first load. */
@Component
class SeedOnFirstStart implements ApplicationRunner {

  private final TerminologyRegistry registry;
  private final TerminologyServerProperties properties;

  SeedOnFirstStart(TerminologyRegistry registry, TerminologyServerProperties properties) {
    this.registry = registry;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    new TerminologySeeder(registry, TerminologyLoaders.standard()).seedIfEmpty(properties.seedPath());
  }
}
