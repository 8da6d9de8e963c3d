package health.sihha.hie.provider.personnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import health.sihha.hie.keycloak.testing.SharedKeycloak;
import health.sihha.hie.provider.security.RealmTokens;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Keycloak's admin API as the providers' servers see it, against the real realm: each provider's service account
 * (no realm-wide user role; the fine-grained admin permissions of {@code keycloak/setup-permissions.sh}) manages its
 * own facility's staff and nothing else. The realm's administrator only looks up ids the service accounts may not
 * see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffAdminPermissionsIT {

  private Keycloak providerA;
  private Keycloak providerB;
  private Keycloak admin;
  private RealmResource realmA;
  private RealmResource realmB;
  private RealmResource realm;

  @BeforeAll
  void connect() {
    providerA = serviceAccount("provider-a");
    providerB = serviceAccount("provider-b");
    admin = KeycloakBuilder.builder().serverUrl(SharedKeycloak.baseUrl()).realm("master").clientId("admin-cli")
        .grantType(OAuth2Constants.PASSWORD).username("admin").password(SharedKeycloak.adminPassword()).build();
    realmA = providerA.realm(SharedKeycloak.REALM);
    realmB = providerB.realm(SharedKeycloak.REALM);
    realm = admin.realm(SharedKeycloak.REALM);
  }

  @AfterAll
  void close() {
    providerA.close();
    providerB.close();
    admin.close();
  }

  @Test
  void aProviderSeesOnlyItsOwnStaff() {
    List<String> listed = realmB.users().list(0, 200).stream().map(UserRepresentation::getUsername).toList();

    assertThat(listed).contains("nurse-b", "physician-b").noneMatch(name -> name.endsWith("-a"))
        .doesNotContain("epidemiologist", "terminologist").noneMatch(name -> name.startsWith("service-account-"));
    assertThat(realmB.users().searchByUsername("nurse-a", true)).isEmpty();
    assertThat(realmB.users().searchByAttributes("practitioner:pa-nurse")).isEmpty();
    assertThatThrownBy(() -> realmB.users().get(id("nurse-a")).toRepresentation())
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void aProviderCannotResetChangeOrDeleteAnotherFacilitysStaff() {
    UserResource nurseA = realmB.users().get(id("nurse-a"));
    UserRepresentation change = new UserRepresentation();
    change.setEnabled(false);

    assertThatThrownBy(() -> nurseA.resetPassword(password("taken-over"))).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> nurseA.update(change)).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> nurseA.roles().realmLevel().add(List.of(role("physician"))))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> nurseA.roles().realmLevel().remove(List.of(role("nurse"))))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(nurseA::remove).isInstanceOf(ForbiddenException.class);
    assertThat(realm.users().get(id("nurse-a")).toRepresentation().isEnabled()).isTrue();
  }

  @Test
  void aProviderCannotChangeAnyonesFacilityGroup() {
    String groupA = realm.getGroupByPath("/facilities/provider-a").getId();
    String groupB = realm.getGroupByPath("/facilities/provider-b").getId();

    assertThatThrownBy(() -> realmB.users().get(id("nurse-a")).joinGroup(groupB))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> realmB.users().get(id("nurse-b")).joinGroup(groupA))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> realmB.users().get(id("nurse-b")).leaveGroup(groupB))
        .isInstanceOf(ForbiddenException.class);
    try (Response created = realmB.users().create(user("provider-b.intruder-" + UUID.randomUUID(),
        "/facilities/provider-a"))) {
      assertThat(created.getStatus()).isEqualTo(403);
    }
    try (Response created = realmB.users().create(user("provider-b.nogroup-" + UUID.randomUUID()))) {
      assertThat(created.getStatus()).isEqualTo(403);
    }
    assertThat(realm.users().get(id("nurse-b")).groups().stream().map(g -> g.getPath()))
        .containsExactly("/facilities/provider-b");
  }

  @Test
  void aProviderMapsNoRoleBeyondTheClinicalOnesEvenToItsOwnStaff() {
    UserResource nurseB = realmB.users().get(id("nurse-b"));
    String realmManagement = realm.clients().findByClientId("realm-management").get(0).getId();

    for (String role : List.of("system", "break-glass", "ministry-analyst", "epidemiologist", "terminologist")) {
      assertThatThrownBy(() -> nurseB.roles().realmLevel().add(List.of(role(role)))).as(role)
          .isInstanceOf(ForbiddenException.class);
    }
    for (String role : List.of("manage-users", "view-users", "realm-admin")) {
      RoleRepresentation adminRole = realm.clients().get(realmManagement).roles().get(role).toRepresentation();
      assertThatThrownBy(() -> nurseB.roles().clientLevel(realmManagement).add(List.of(adminRole))).as(role)
          .isInstanceOf(ForbiddenException.class);
    }
    assertThat(nurseB.roles().realmLevel().listAvailable().stream().map(RoleRepresentation::getName))
        .containsExactlyInAnyOrder("physician", "pharmacist", "lab-technician", "facility-admin");
  }

  @Test
  void aProviderCannotTouchServiceAccounts() {
    for (String account : List.of("service-account-ministry", "service-account-provider-a",
        "service-account-provider-b")) {
      UserResource user = realmB.users().get(id(account));
      assertThatThrownBy(user::toRepresentation).as(account).isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(() -> user.roles().realmLevel().add(List.of(role("nurse")))).as(account)
          .isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(() -> user.resetPassword(password("x"))).as(account).isInstanceOf(ForbiddenException.class);
    }
  }

  @Test
  void aProviderCreatesUpdatesRoleMapsAndDisablesItsOwnStaff() throws Exception {
    String username = "provider-a.perm-" + UUID.randomUUID();
    String id;
    try (Response created = realmA.users().create(user(username, "/facilities/provider-a"))) {
      assertThat(created.getStatus()).isEqualTo(201);
      id = CreatedResponseUtil.getCreatedId(created);
    }
    UserResource user = realmA.users().get(id);

    user.roles().realmLevel().add(List.of(role("physician"), role("facility-admin")));
    user.roles().realmLevel().remove(List.of(role("facility-admin")));
    user.resetPassword(password(username));
    UserRepresentation named = user.toRepresentation();
    named.setFirstName("Rania");
    named.setAttributes(Map.of("facility", List.of("provider-b"), "practitioner", List.of("pa-x")));
    user.update(named);

    assertThat(user.roles().realmLevel().listAll().stream().map(RoleRepresentation::getName))
        .contains("physician").doesNotContain("facility-admin");
    assertThat(user.toRepresentation().getFirstName()).isEqualTo("Rania");
    assertThat(user.toRepresentation().getAttributes()).containsEntry("practitioner", List.of("pa-x"))
        .doesNotContainKey("facility");
    SignedJWT token = SignedJWT.parse(RealmTokens.user(username));
    assertThat(token.getJWTClaimsSet().getStringClaim("facility")).isEqualTo("provider-a");
    assertThat(token.getJWTClaimsSet().getAudience()).containsExactly("http://127.0.0.1:8081/fhir",
        "http://127.0.0.1:8090/fhir");

    named.setEnabled(false);
    user.update(named);
    assertThat(realm.users().get(id).toRepresentation().isEnabled()).isFalse();
  }

  private static Keycloak serviceAccount(String client) {
    return KeycloakBuilder.builder().serverUrl(SharedKeycloak.baseUrl()).realm(SharedKeycloak.REALM)
        .grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId(client).clientSecret(client + "-demo-secret").build();
  }

  private String id(String username) {
    List<UserRepresentation> found = realm.users().searchByUsername(username, true);
    assertThat(found).as(username).hasSize(1);
    return found.get(0).getId();
  }

  private RoleRepresentation role(String name) {
    return realm.roles().get(name).toRepresentation();
  }

  private static UserRepresentation user(String username, String... groups) {
    UserRepresentation user = new UserRepresentation();
    user.setUsername(username);
    user.setEnabled(true);
    user.setGroups(List.of(groups));
    return user;
  }

  private static CredentialRepresentation password(String value) {
    CredentialRepresentation password = new CredentialRepresentation();
    password.setType(CredentialRepresentation.PASSWORD);
    password.setValue(value);
    password.setTemporary(false);
    return password;
  }
}
