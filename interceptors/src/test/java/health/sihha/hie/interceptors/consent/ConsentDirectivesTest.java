package health.sihha.hie.interceptors.consent;

import static health.sihha.hie.interceptors.consent.TestConsents.actor;
import static health.sihha.hie.interceptors.consent.TestConsents.denying;
import static health.sihha.hie.interceptors.consent.TestConsents.privacy;
import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.hie.interceptors.consent.ConsentDirectives.Denial;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.junit.jupiter.api.Test;

class ConsentDirectivesTest {

  private static final Date NOW = new Date();

  @Test
  void aDenyNamingTheFacilityDeniesItAndNoOneElse() {
    List<Consent> consents = List.of(denying("c1", "p1", "provider-b"));
    assertThat(ConsentDirectives.denyingAccess(consents, Set.of("provider-b"), NOW))
        .containsExactly(new Denial("p1", "Consent/c1"));
    assertThat(ConsentDirectives.denyingAccess(consents, Set.of("provider-a", "sihha-smart-app"), NOW)).isEmpty();
  }

  @Test
  void aDenyNestedInAPermitCountsAndAPermitNeverWidens() {
    Consent consent = privacy("c2", "p1");
    consent.getProvision().setType(ConsentProvisionType.PERMIT).addActor(actor("provider-a"));
    consent.getProvision().addProvision().setType(ConsentProvisionType.DENY).addActor(actor("ministry"));
    assertThat(ConsentDirectives.denyingAccess(List.of(consent), Set.of("ministry"), NOW)).hasSize(1);
    assertThat(ConsentDirectives.denyingAccess(List.of(consent), Set.of("provider-a"), NOW)).isEmpty();
  }

  @Test
  void inactiveOtherScopeExpiredOrOtherSystemConsentsDenyNothing() {
    Consent inactive = denying("c3", "p1", "provider-b").setStatus(Consent.ConsentState.INACTIVE);
    Consent research = denying("c4", "p1", "provider-b");
    research.getScope().getCodingFirstRep().setCode("research");
    Consent expired = denying("c5", "p1", "provider-b");
    expired.getProvision().getPeriod().setEnd(Date.from(Instant.now().minus(1, ChronoUnit.DAYS)));
    Consent future = denying("c6", "p1", "provider-b");
    future.getProvision().getPeriod().setStart(Date.from(Instant.now().plus(1, ChronoUnit.DAYS)));
    Consent otherSystem = denying("c7", "p1", "provider-b");
    otherSystem.getProvision().getActorFirstRep().getReference().getIdentifier().setSystem("urn:other");
    assertThat(ConsentDirectives.denyingAccess(List.of(inactive, research, expired, future, otherSystem),
        Set.of("provider-b"), NOW)).isEmpty();
  }

  @Test
  void theMinistryIsOptedOutOfByNamingItOrByDenyingPublicHealth() {
    Consent named = denying("c8", "p1", "ministry");
    Consent publicHealth = privacy("c9", "p2");
    publicHealth.getProvision().setType(ConsentProvisionType.DENY)
        .addPurpose(new Coding(ConsentDirectives.ACT_REASON, ConsentDirectives.PUBLIC_HEALTH, null));
    Consent otherFacility = denying("c10", "p3", "provider-b");
    assertThat(ConsentDirectives.optingOutOfMinistry(List.of(named, publicHealth, otherFacility), NOW))
        .containsExactly(new Denial("p1", "Consent/c8"), new Denial("p2", "Consent/c9"));
    assertThat(ConsentDirectives.denyingAccess(List.of(publicHealth), Set.of("ministry"), NOW))
        .as("a purpose alone names no party to deny access to").isEmpty();
  }
}
