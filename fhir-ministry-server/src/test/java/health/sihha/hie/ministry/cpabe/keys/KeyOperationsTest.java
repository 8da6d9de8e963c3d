package health.sihha.hie.ministry.cpabe.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import health.sihha.hie.interceptors.cpabe.client.AppKeyPair;
import health.sihha.hie.interceptors.cpabe.client.SealedResources;
import health.sihha.hie.interceptors.cpabe.client.UserKeyWrap;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException.Reason;
import health.sihha.hie.interceptors.cpabe.scheme.PublicParameters;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.interceptors.security.SmartScopes;
import health.sihha.hie.ministry.MinistryServerTest;
import health.sihha.hie.ministry.cpabe.SealedFixtures;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
import health.sihha.hie.ministry.cpabe.keys.KeyDelivery.DeliveredKey;
import health.sihha.hie.ministry.cpabe.rewrap.RewrapJob;
import java.time.Instant;
import java.util.Set;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The attribute authority's operations: public parameters over HTTP; user keys delivered wrapped to the app's key for
 * the token's attributes (the tokens are stand-ins verified by a fake verifier, as the in-process tests run without
 * Keycloak); key administration refused to other roles; an epoch advance and the re-wrap job.
 */
class KeyOperationsTest extends MinistryServerTest {

  private static final String PHYSICIANS_OF_A = "role:physician and facility:provider-a";

  @Autowired
  private AttributeAuthority authority;

  @Autowired
  private RewrapJob rewrap;

  @Autowired
  private DaoRegistry daos;

  private static SmartGrant grant(String scopes, String facility, String... roles) {
    return new SmartGrant("user-" + String.join("-", roles), "sihha-smart-app", SmartScopes.parse(scopes),
        Set.of(roles), facility, "north", "internal-medicine", null, "Practitioner/pa-physician",
        Instant.now().plusSeconds(300));
  }

  private static ServletRequestDetails request(String operation, String... headers) {
    MockHttpServletRequest http = new MockHttpServletRequest();
    http.addHeader(Constants.HEADER_AUTHORIZATION, "Bearer token");
    for (int i = 0; i < headers.length; i += 2) {
      http.addHeader(headers[i], headers[i + 1]);
    }
    ServletRequestDetails request = new ServletRequestDetails();
    request.setServletRequest(http);
    request.setOperation(operation);
    return request;
  }

  private KeyDelivery delivery(SmartGrant grant) {
    return new KeyDelivery(new SmartGrants(token -> grant), authority, new KeyAudit(null), "ministry");
  }

  private UserKey keyOf(SmartGrant grant) {
    AppKeyPair app = AppKeyPair.generate();
    DeliveredKey delivered = delivery(grant).deliver(request(KeyOperations.USER_KEY), app.publicKeySpki());
    return UserKeyWrap.unwrap(app, delivered.subject(), delivered.epoch(), delivered.wrappedKey());
  }

  @Test
  void publicParametersAreReadOverHttp() {
    Parameters answer = nationalStore().operation().onServer().named(KeyOperations.PUBLIC_PARAMETERS)
        .withNoParameters(Parameters.class).useHttpGet().execute();
    byte[] encoded = ((Base64BinaryType) answer.getParameter("publicParameters").getValue()).getValue();
    assertThat(PublicParameters.fromBytes(encoded)).isEqualTo(authority.publicParameters());
    assertThat(answer.getParameter("setupId").getValue().primitiveValue())
        .isEqualTo(authority.publicParameters().setupIdHex());
    assertThat(answer.getParameter("scheme").getValue().primitiveValue()).isEqualTo("FABEO");
    assertThat(answer.getParameter("curve").getValue().primitiveValue()).isEqualTo("BLS12-381");
    assertThat(answer.getParameter("formatVersion").getValue().primitiveValue()).isEqualTo("1");
    assertThat(Long.parseLong(answer.getParameter("epoch").getValue().primitiveValue())).isPositive();
  }

  @Test
  void aDeliveredKeyOpensWhatItsAttributesSatisfyAndNothingElse() {
    UserKey key = keyOf(grant("user/*.rs", "provider-a", "physician"));
    assertThat(key.attributes()).extracting(Object::toString).contains("role:physician", "facility:provider-a",
        "region:north", "specialty:internal-medicine");
    Observation sealed = SealedFixtures.sealed(authority, PHYSICIANS_OF_A);
    Resource opened = new SealedResources(fhirContext).open(sealed, key);
    assertThat(((Observation) opened).getCode().getText()).isEqualTo(SealedFixtures.SECRET);

    Observation forNurses = SealedFixtures.sealed(authority, "role:nurse and facility:provider-a");
    assertThatThrownBy(() -> new SealedResources(fhirContext).open(forNurses, key))
        .isInstanceOfSatisfying(EnvelopeOpenException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_SATISFIED));
  }

  @Test
  void aBadClientKeyIs400() {
    KeyDelivery delivery = delivery(grant("user/*.rs", "ministry", "epidemiologist"));
    for (byte[] spki : new byte[][] {new byte[] {1, 2, 3}, null, new byte[0]}) {
      assertThatThrownBy(() -> delivery.deliver(request(KeyOperations.USER_KEY), spki))
          .isInstanceOf(InvalidRequestException.class).hasMessageContaining("SIHHA-1575");
    }
  }

  @Test
  void noKeyUnderBreakGlassNorForServiceAccountsNorWithoutSecurity() {
    byte[] spki = AppKeyPair.generate().publicKeySpki();
    assertThatThrownBy(() -> delivery(grant("user/*.rs", "ministry", "physician", "break-glass"))
        .deliver(request(KeyOperations.USER_KEY, KeyDelivery.BREAK_GLASS_HEADER, "unconscious patient"), spki))
        .isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("SIHHA-1571");
    assertThatThrownBy(() -> delivery(grant("system/*.rs", "ministry", "system"))
        .deliver(request(KeyOperations.USER_KEY), spki)).hasMessageContaining("SIHHA-1572");
    assertThatThrownBy(() -> new KeyDelivery(null, authority, new KeyAudit(null), "ministry")
        .deliver(request(KeyOperations.USER_KEY), spki)).hasMessageContaining("SIHHA-1570");
  }

  @Test
  void keyAdministrationIsRefusedToOtherRolesAndFacilities() {
    KeyAdminInterceptor attacker = new KeyAdminInterceptor(new SmartGrants(token ->
        grant("user/*.cruds", "provider-a", "physician", "facility-admin", "break-glass")));
    KeyAdminInterceptor analyst = new KeyAdminInterceptor(new SmartGrants(token ->
        grant("user/*.rs", "ministry", "ministry-analyst")));
    for (String operation : KeyOperations.KEY_ADMIN) {
      assertThatThrownBy(() -> attacker.requireKeyAdmin(request(operation)))
          .isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("SIHHA-1574");
      assertThatThrownBy(() -> analyst.requireKeyAdmin(request(operation))).hasMessageContaining("SIHHA-1574");
    }
    KeyAdminInterceptor admin = new KeyAdminInterceptor(new SmartGrants(token ->
        grant("user/*.rs", "ministry", "key-admin")));
    assertThatCode(() -> admin.requireKeyAdmin(request(KeyOperations.ADVANCE_EPOCH))).doesNotThrowAnyException();
    assertThatCode(() -> attacker.requireKeyAdmin(request(KeyOperations.PUBLIC_PARAMETERS)))
        .doesNotThrowAnyException();
  }

  @Test
  void afterAnEpochAdvanceTheOldKeyNoLongerOpensTheRewrappedResourceAndANewKeyDoes() {
    SmartGrant physician = grant("user/*.rs", "provider-a", "physician");
    UserKey oldKey = keyOf(physician);
    IdType id = SealedFixtures.store(daos, SealedFixtures.sealed(authority, PHYSICIANS_OF_A));
    assertThat(new SealedResources(fhirContext).open(SealedFixtures.read(daos, id), oldKey)).isNotNull();

    Parameters answer = nationalStore().operation().onServer().named(KeyOperations.ADVANCE_EPOCH)
        .withNoParameters(Parameters.class).execute();
    long epoch = Long.parseLong(answer.getParameter("epoch").getValue().primitiveValue());
    assertThat(epoch).isEqualTo(oldKey.epoch() + 1);
    rewrap.runToEnd();

    Parameters status = nationalStore().operation().onServer().named(KeyOperations.REWRAP_STATUS)
        .withNoParameters(Parameters.class).useHttpGet().execute();
    Parameters.ParametersParameterComponent job = status.getParameter("rewrap");
    assertThat(job.getPart()).anySatisfy(part -> {
      assertThat(part.getName()).isEqualTo("state");
      assertThat(part.getValue().primitiveValue()).isEqualTo("DONE");
    });

    Observation rewrapped = SealedFixtures.read(daos, id);
    assertThat(rewrapped.getMeta().getVersionId()).isEqualTo("2");
    assertThatThrownBy(() -> new SealedResources(fhirContext).open(rewrapped, oldKey))
        .isInstanceOfSatisfying(EnvelopeOpenException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_EPOCH));
    UserKey newKey = keyOf(physician);
    assertThat(newKey.epoch()).isEqualTo(epoch);
    Resource opened = new SealedResources(fhirContext).open(rewrapped, newKey);
    assertThat(((Observation) opened).getCode().getText()).isEqualTo(SealedFixtures.SECRET);
  }
}
