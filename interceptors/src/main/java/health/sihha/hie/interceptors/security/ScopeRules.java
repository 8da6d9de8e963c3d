package health.sihha.hie.interceptors.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderOperationNamed;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOp;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleFinished;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import health.sihha.hie.interceptors.security.SmartScope.Context;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/**
 * Turns the scopes of a grant into HAPI allow rules, one per scope and kind of interaction, ending in a deny-all.
 *
 * <ul>
 *   <li>{@code patient/} scopes reach only the compartment of the token's {@code patient}; without that claim they
 *       give nothing. HAPI checks every returned resource, so {@code _include}, {@code _history} and operation
 *       outputs stay within the compartment too.
 *   <li>{@code user/} and {@code system/} scopes reach their type, or every type for {@code *}.
 *   <li>{@code $everything} on a Patient is allowed where Patient may be searched, with every returned resource
 *       checked against the same rules.
 *   <li>Extended operations are allowed where a {@code user/} or {@code system/} scope holds the permission their
 *       {@link OperationPermission} names on their type (on the server's base: any such scope holding it); one
 *       made with {@link OperationPermission#onOwnPatient} also where a {@code patient/} scope holds it on
 *       Patient, on the token's patient only.
 *   <li>Transactions and batches are allowed to any token with a write scope; HAPI checks each entry against the
 *       rules.
 * </ul>
 */
final class ScopeRules {

  static final String DENY_ALL = "no scope grants this denyAll";

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final Set<Interaction> READS = EnumSet.of(Interaction.READ, Interaction.SEARCH);

  private ScopeRules() {}

  static List<IAuthRule> of(SmartGrant grant, List<OperationPermission> operations) {
    List<IAuthRule> rules = new ArrayList<>();
    for (SmartScope scope : grant.scopes().resourceScopes()) {
      if (scope.context() == Context.PATIENT && grant.patient() == null) {
        continue;
      }
      rules.addAll(rulesFor(scope, grant.patient()));
    }
    rules.addAll(everything(grant));
    for (OperationPermission operation : operations) {
      rules.addAll(operation(grant, operation));
    }
    if (writes(grant)) {
      rules.addAll(new RuleBuilder().allow("transaction entries by the rules").transaction().withAnyOperation()
          .andApplyNormalRules().build());
    }
    rules.addAll(new RuleBuilder().denyAll(DENY_ALL).build());
    return rules;
  }

  private static List<IAuthRule> rulesFor(SmartScope scope, String patient) {
    List<IAuthRule> rules = new ArrayList<>();
    Set<Interaction> reads = EnumSet.noneOf(Interaction.class);
    reads.addAll(scope.permissions());
    reads.retainAll(READS);
    if (!reads.isEmpty()) {
      rules.addAll(rule(scope, reads, patient, IAuthRuleBuilderRule::read));
    }
    if (scope.permissions().contains(Interaction.CREATE)) {
      rules.addAll(rule(scope, EnumSet.of(Interaction.CREATE), patient, IAuthRuleBuilderRule::create));
    }
    if (scope.permissions().contains(Interaction.UPDATE)) {
      rules.addAll(rule(scope, EnumSet.of(Interaction.UPDATE), patient, IAuthRuleBuilderRule::write));
    }
    if (scope.permissions().contains(Interaction.DELETE)) {
      rules.addAll(rule(scope, EnumSet.of(Interaction.DELETE), patient, IAuthRuleBuilderRule::delete));
    }
    return rules;
  }

  private static List<IAuthRule> rule(SmartScope scope, Set<Interaction> interactions, String patient,
      Function<IAuthRuleBuilderRule, IAuthRuleBuilderRuleOp> kind) {
    String name = scope.text() + " " + interactions;
    IAuthRuleBuilderRuleOp op = kind.apply(new RuleBuilder().allow(name));
    IAuthRuleBuilderRuleOpClassifier types =
        SmartScope.ALL_TYPES.equals(scope.resourceType()) ? op.allResources() : op.resourcesOfType(scope.resourceType());
    IAuthRuleFinished finished = scope.context() == Context.PATIENT
        ? types.inCompartment("Patient", new IdType("Patient", patient))
        : types.withAnyId();
    return finished.withTester(new ScopeTester(interactions, scope)).build();
  }

  private static List<IAuthRule> everything(SmartGrant grant) {
    List<IAuthRule> rules = new ArrayList<>();
    for (SmartScope scope : grant.scopes().permitting(Interaction.SEARCH, "Patient")) {
      if (scope.restricted()) {
        continue;
      }
      IAuthRuleBuilderOperationNamed named = new RuleBuilder().allow("$everything by " + scope.text()).operation()
          .named("$everything");
      if (scope.context() == Context.PATIENT) {
        if (grant.patient() != null) {
          rules.addAll(named.onInstance(new IdType("Patient", grant.patient()))
              .andRequireExplicitResponseAuthorization().build());
        }
      } else {
        rules.addAll(named.onInstancesOfType(Patient.class).andRequireExplicitResponseAuthorization().build());
      }
    }
    return rules;
  }

  private static List<IAuthRule> operation(SmartGrant grant, OperationPermission operation) {
    List<IAuthRule> rules = new ArrayList<>();
    for (SmartScope scope : grant.scopes().resourceScopes()) {
      if (scope.restricted() || !scope.permissions().contains(operation.interaction())) {
        continue;
      }
      String name = operation.name() + " by " + scope.text();
      if (scope.context() == Context.PATIENT) {
        if (operation.ownPatient() && grant.patient() != null && scope.covers("Patient")) {
          rules.addAll(new RuleBuilder().allow(name).operation().named(operation.name())
              .onInstance(new IdType("Patient", grant.patient())).andAllowAllResponses().build());
        }
        continue;
      }
      if (OperationPermission.SERVER.equals(operation.resourceType())) {
        rules.addAll(new RuleBuilder().allow(name).operation().named(operation.name()).onServer()
            .andAllowAllResponses().build());
        continue;
      }
      String type = SmartScope.ALL_TYPES.equals(operation.resourceType()) ? scope.resourceType() : operation.resourceType();
      if (!scope.covers(type)) {
        continue;
      }
      if (SmartScope.ALL_TYPES.equals(type)) {
        rules.addAll(new RuleBuilder().allow(name).operation().named(operation.name()).onAnyType()
            .andAllowAllResponses().andThen().allow(name).operation().named(operation.name()).onAnyInstance()
            .andAllowAllResponses().build());
      } else {
        Class<? extends IBaseResource> resourceClass = FHIR.getResourceDefinition(type).getImplementingClass();
        rules.addAll(new RuleBuilder().allow(name).operation().named(operation.name()).onType(resourceClass)
            .andAllowAllResponses().andThen().allow(name).operation().named(operation.name())
            .onInstancesOfType(resourceClass).andAllowAllResponses().build());
      }
    }
    return rules;
  }

  private static boolean writes(SmartGrant grant) {
    return grant.scopes().resourceScopes().stream().anyMatch(s -> s.permissions().contains(Interaction.CREATE)
        || s.permissions().contains(Interaction.UPDATE) || s.permissions().contains(Interaction.DELETE));
  }
}
