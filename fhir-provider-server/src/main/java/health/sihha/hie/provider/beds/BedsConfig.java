package health.sihha.hie.provider.beds;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import health.sihha.hie.interceptors.security.Interaction;
import health.sihha.hie.interceptors.security.OperationPermission;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/**
 * Rooms and beds: the occupancy invariants on HAPI's JPA-wide interceptor service (so every write path is covered,
 * not only REST) and the {@code $census} operation on the REST endpoint.
 */
@Configuration
class BedsConfig {

  @Bean
  BedStore bedStore(DaoRegistry daos, EntityManagerFactory entityManagerFactory) {
    return new BedStore(daos, SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory));
  }

  @Bean
  BedOccupancyInterceptor bedOccupancy(BedStore beds, BedProperties properties, IInterceptorService jpaInterceptors) {
    BedOccupancyInterceptor interceptor = new BedOccupancyInterceptor(beds, properties.vacated());
    jpaInterceptors.registerInterceptor(interceptor);
    return interceptor;
  }

  @Bean
  BedConsistencyInterceptor bedConsistency(BedStore beds, IInterceptorService jpaInterceptors) {
    BedConsistencyInterceptor interceptor = new BedConsistencyInterceptor(beds);
    jpaInterceptors.registerInterceptor(interceptor);
    return interceptor;
  }

  @Bean
  FhirServerCustomizer censusOperation(DaoRegistry daos) {
    CensusProvider census = new CensusProvider(new BedCensus(daos));
    return server -> server.registerProvider(census);
  }

  /** The census reports on Locations: it needs the right to read them. */
  @Bean
  OperationPermission censusPermission() {
    return new OperationPermission("$census", "Location", Interaction.READ);
  }
}
