package health.sihha.hie.interceptors.security;

import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.hie.interceptors.security.SmartScope.Context;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmartScopesTest {

  private static final String LAB = "http://terminology.hl7.org/CodeSystem/observation-category|laboratory";

  @Test
  void v2ScopesGrantTheirLetters() {
    SmartScope scope = SmartScope.parse("patient/Observation.rs").orElseThrow();
    assertThat(scope.context()).isEqualTo(Context.PATIENT);
    assertThat(scope.resourceType()).isEqualTo("Observation");
    assertThat(scope.permissions()).containsExactlyInAnyOrder(Interaction.READ, Interaction.SEARCH);
    assertThat(scope.restricted()).isFalse();

    SmartScope all = SmartScope.parse("user/*.cruds").orElseThrow();
    assertThat(all.context()).isEqualTo(Context.USER);
    assertThat(all.permissions()).containsExactlyInAnyOrder(Interaction.values());
    assertThat(all.permits(Interaction.DELETE, "Encounter")).isTrue();

    assertThat(SmartScope.parse("system/Patient.rs").orElseThrow().context()).isEqualTo(Context.SYSTEM);
    assertThat(SmartScope.parse("user/Observation.c").orElseThrow().permissions()).containsExactly(Interaction.CREATE);
  }

  @Test
  void v1FormsMapOntoV2Letters() {
    assertThat(SmartScope.parse("patient/*.read").orElseThrow().permissions())
        .containsExactlyInAnyOrder(Interaction.READ, Interaction.SEARCH);
    assertThat(SmartScope.parse("user/Observation.write").orElseThrow().permissions())
        .containsExactlyInAnyOrder(Interaction.CREATE, Interaction.UPDATE, Interaction.DELETE);
    assertThat(SmartScope.parse("user/*.*").orElseThrow().permissions()).containsExactlyInAnyOrder(Interaction.values());
  }

  @Test
  void queryRestrictedScopesKeepTheirRestriction() {
    SmartScope scope = SmartScope.parse("patient/Observation.rs?category=" + LAB).orElseThrow();
    assertThat(scope.restricted()).isTrue();
    assertThat(scope.query()).isEqualTo(Map.of("category", List.of(LAB)));

    SmartScope two = SmartScope.parse("user/Observation.s?category=laboratory,vital-signs&status=final").orElseThrow();
    assertThat(two.query())
        .containsEntry("category", List.of("laboratory", "vital-signs"))
        .containsEntry("status", List.of("final"));

    SmartScopes scopes = SmartScopes.parse("patient/Observation.rs?category=" + LAB);
    assertThat(scopes.permitting(Interaction.SEARCH, "Observation")).singleElement()
        .extracting(SmartScope::query).isEqualTo(Map.of("category", List.of(LAB)));
  }

  @Test
  void nonResourceScopesGrantNothingButStayQueryable() {
    SmartScopes scopes = SmartScopes.parse("openid fhirUser launch launch/patient offline_access patient/Patient.rs");
    assertThat(scopes.resourceScopes()).extracting(SmartScope::text).containsExactly("patient/Patient.rs");
    assertThat(scopes.otherScopes())
        .containsExactlyInAnyOrder("openid", "fhirUser", "launch", "launch/patient", "offline_access");
    assertThat(scopes.has("launch/patient")).isTrue();
    assertThat(scopes.has("patient/Patient.rs")).isTrue();
    assertThat(scopes.has("launch/encounter")).isFalse();
    assertThat(scopes.malformed()).isEmpty();
  }

  @Test
  void malformedScopesGrantNothing() {
    SmartScopes scopes = SmartScopes.parse("*.* patient/Observation.sr patient/Observation.rr user/*.xyz "
        + "user/observation.rs patient/Observation.read?category=x patient/Observation.rs?category= "
        + "patient/Observation.rs?=x doctor/Patient.rs patient/Observation. patient/Observation.rs?a=1&a=2");
    assertThat(scopes.resourceScopes()).isEmpty();
    assertThat(scopes.malformed()).hasSize(11).contains("*.*", "doctor/Patient.rs");
    assertThat(scopes.permits(Interaction.READ, "Observation")).isFalse();
  }

  @Test
  void aScopeSetDecidesPerInteractionAndType() {
    SmartScopes scopes = SmartScopes.parse("patient/Observation.rs user/Encounter.cu system/*.r");
    assertThat(scopes.permits(Interaction.SEARCH, "Observation")).isTrue();
    assertThat(scopes.permits(Interaction.CREATE, "Observation")).isFalse();
    assertThat(scopes.permits(Interaction.UPDATE, "Encounter")).isTrue();
    assertThat(scopes.permits(Interaction.DELETE, "Encounter")).isFalse();
    assertThat(scopes.permits(Interaction.READ, "Location")).isTrue();
    assertThat(scopes.permits(Interaction.SEARCH, "Location")).isFalse();
    assertThat(scopes.in(Context.USER)).extracting(SmartScope::text).containsExactly("user/Encounter.cu");
    assertThat(SmartScopes.parse(null).resourceScopes()).isEmpty();
    assertThat(SmartScopes.parse("  ").resourceScopes()).isEmpty();
  }
}
