package health.sihha.hie.provider.personnel;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.Codes;
import jakarta.annotation.Nullable;
import java.util.Collection;
import java.util.Date;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;

/**
 * The realm account a practitioner of this facility should have.
 *
 * @param username the login: the Practitioner's {@value #USERNAME_SYSTEM} identifier, else
 *     {@code <facility>.<first identifier>} (lower case, as Keycloak stores user names); null once it is deleted
 * @param practitioner the Practitioner's id, the account's {@code practitioner} attribute (its tokens' fhirUser)
 * @param facility this provider's id: the account is created in its facility group {@code /facilities/<facility>}
 * @param enabled false once the Practitioner is inactive or deleted
 * @param roles the realm roles of its current PractitionerRoles (see {@link StaffRoles})
 */
record StaffAccount(@Nullable String username, @Nullable String firstName, @Nullable String lastName, @Nullable String email,
    String practitioner, String facility, boolean enabled, Set<String> roles) {

  static final String USERNAME_SYSTEM = "https://sihha.health/fhir/sid/username";

  StaffAccount {
    roles = Set.copyOf(roles);
  }

  /**
   * The account of {@code practitioner} (null once deleted: then {@code id} names it) holding {@code roles}.
   *
   * @throws UnprocessableEntityException when the account needs a user name and the Practitioner has no identifier
   */
  static StaffAccount of(String id, @Nullable Practitioner practitioner, Collection<PractitionerRole> roles,
      String facility, Date now) {
    Set<String> granted = new TreeSet<>();
    roles.forEach(role -> granted.addAll(StaffRoles.granted(role, now)));
    if (practitioner == null) {
      return new StaffAccount(null, null, null, null, id, facility, false, Set.of());
    }
    HumanName name = practitioner.getNameFirstRep();
    String email = practitioner.getTelecom().stream().filter(t -> t.getSystem() == ContactPointSystem.EMAIL)
        .map(t -> t.getValue()).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
    boolean active = !practitioner.hasActive() || practitioner.getActive();
    return new StaffAccount(username(practitioner, facility), name.hasGiven() ? name.getGivenAsSingleString() : null,
        name.getFamily(), email, id, facility, active, active ? granted : Set.of());
  }

  private static String username(Practitioner practitioner, String facility) {
    for (Identifier identifier : practitioner.getIdentifier()) {
      if (USERNAME_SYSTEM.equals(identifier.getSystem()) && identifier.hasValue()) {
        return identifier.getValue().toLowerCase(Locale.ROOT);
      }
    }
    return practitioner.getIdentifier().stream().filter(Identifier::hasValue).findFirst()
        .map(identifier -> (facility + "." + identifier.getValue()).toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9._@-]", "-"))
        .orElseThrow(() -> new UnprocessableEntityException(Codes.of(1292) + "Practitioner/"
            + practitioner.getIdElement().getIdPart() + " has no identifier to name its account by (an identifier"
            + " of system " + USERNAME_SYSTEM + ", or any identifier)"));
  }
}
