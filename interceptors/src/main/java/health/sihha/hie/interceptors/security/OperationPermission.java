package health.sihha.hie.interceptors.security;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a token's scopes must allow for an extended operation ({@code $name}) to be invoked on a type or on its
 * instances: {@code interaction} on {@code resourceType}, through a {@code user/} or {@code system/} scope. The
 * operation's output is then returned as it is: it is about resources the scope already reaches (a census of
 * Locations, the stock of Medications). Patient-context scopes do not reach extended operations, except
 * {@code $everything} (see {@link ScopeRules}) and those made with {@link #onOwnPatient}.
 *
 * @param name the operation, with its {@code $}
 * @param resourceType the type it is invoked on, or {@link SmartScope#ALL_TYPES} for any type: the scope must then
 *     allow {@code interaction} on the type of the request; or {@link #SERVER} for an operation on the server's
 *     base, which any {@code user/} or {@code system/} scope holding {@code interaction} allows
 * @param interaction the permission the scope must hold
 * @param ownPatient whether a {@code patient/} scope holding {@code interaction} on Patient also reaches the
 *     operation, on its own patient's instance only
 */
public record OperationPermission(String name, String resourceType, Interaction interaction, boolean ownPatient) {

  /** Operations every server has: {@code $validate} asks whether a write would be accepted, so it needs create. */
  /** The {@code resourceType} of an operation invoked on the server's base ({@code /fhir/$name}). */
  public static final String SERVER = "(server)";

  public static final List<OperationPermission> STANDARD =
      List.of(new OperationPermission("$validate", SmartScope.ALL_TYPES, Interaction.CREATE));

  public OperationPermission(String name, String resourceType, Interaction interaction) {
    this(name, resourceType, interaction, false);
  }

  /**
   * An operation on Patient instances that {@code user/} and {@code system/} scopes holding {@code interaction} on
   * Patient reach on any patient, and {@code patient/} scopes on the token's patient.
   */
  public static OperationPermission onOwnPatient(String name, Interaction interaction) {
    return new OperationPermission(name, "Patient", interaction, true);
  }

  public OperationPermission {
    requireNonNull(name);
    requireNonNull(resourceType);
    requireNonNull(interaction);
    if (!name.startsWith("$")) {
      throw new IllegalArgumentException("an operation name starts with $: " + name);
    }
  }
}
