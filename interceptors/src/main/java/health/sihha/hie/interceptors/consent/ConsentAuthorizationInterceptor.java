package health.sihha.hie.interceptors.consent;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.interceptors.audit.AuditSink;
import health.sihha.hie.interceptors.consent.ConsentDirectives.Denial;
import health.sihha.hie.interceptors.security.CountingSearch;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Honours patients' privacy Consents ({@link ConsentDirectives}) on what a request would be shown: when a response
 * (a read, a search page, a history, an operation's output) carries any resource in the compartment of a patient
 * whose active Consent denies the requesting party (the token's {@code facility} or its client), the whole response
 * is refused with 403, so that neither a read nor a search discloses that patient's data. The Consents are looked up
 * afresh for every such response, so a Consent recorded or revoked counts from the next request.
 *
 * <p>A user holding realm role {@code break-glass} overrides the denial by stating a reason in header
 * {@code X-Break-Glass-Reason}; every response so released is first recorded as a BTG AuditEvent, and if the audit
 * cannot be written the response is refused. Writes are not checked: their response is what the client sent.
 *
 * <p>A facility that reconciles its copy of this server's data (the ministry, at a provider) is not refused its
 * history pages: what a patient's consent denies it is left out of them instead, as it is left out of what this
 * server sends it, so one patient's opt-out does not stop the reconciliation of everybody else's data.
 *
 * <p>AuditEvents and the Consents themselves are not withheld: the facility must be able to review who accessed the
 * record (break-glass reviews included) and to see, and on the patient's word revoke, the directive addressed to it.
 * Requests the server makes to itself ({@link SystemRequestDetails}) are not affected.
 */
@Interceptor(order = HieOrder.CONSENT)
public final class ConsentAuthorizationInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(ConsentAuthorizationInterceptor.class);

  private static final Set<RestOperationTypeEnum> WRITES = EnumSet.of(RestOperationTypeEnum.CREATE,
      RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE,
      RestOperationTypeEnum.METADATA);

  private static final Set<String> NOT_WITHHELD = Set.of("AuditEvent", "Consent");

  private static final Set<RestOperationTypeEnum> HISTORIES = EnumSet.of(RestOperationTypeEnum.HISTORY_SYSTEM,
      RestOperationTypeEnum.HISTORY_TYPE, RestOperationTypeEnum.HISTORY_INSTANCE);

  private final PatientConsents consents;
  private final AuditSink audit;
  private final String serverId;
  private final boolean deniedDataWithdrawn;
  private final Set<String> reconcilers;

  /**
   * @param consents where the patients' Consents are read
   * @param audit where break-glass accesses are recorded
   * @param serverId this server's id, e.g. {@code provider-a}, as the events' source
   */
  public ConsentAuthorizationInterceptor(PatientConsents consents, AuditSink audit, String serverId) {
    this(consents, audit, serverId, false, Set.of());
  }

  /**
   * @param consents where the patients' Consents are read
   * @param audit where break-glass accesses are recorded
   * @param serverId this server's id, e.g. {@code provider-a}, as the events' source
   * @param deniedDataWithdrawn whether the data a consent denies this server's parties is withdrawn when the consent
   *     arrives (the ministry, where every such denial is an opt-out): then a count across patients includes none
   *     of it and runs whatever consents exist
   * @param reconcilers the facilities whose service accounts read this server's history to reconcile their copy
   *     ({@code sihha.security.reconcilers}): a history page shows them everything but what a consent denies them
   */
  public ConsentAuthorizationInterceptor(PatientConsents consents, AuditSink audit, String serverId,
      boolean deniedDataWithdrawn, Set<String> reconcilers) {
    this.consents = requireNonNull(consents);
    this.audit = requireNonNull(audit);
    this.serverId = requireNonNull(serverId);
    this.deniedDataWithdrawn = deniedDataWithdrawn;
    this.reconcilers = Set.copyOf(reconcilers);
  }

  @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
  public void outgoing(RequestDetails request, IBaseResource response) {
    if (request instanceof SystemRequestDetails || response == null || WRITES.contains(request.getRestOperationType())) {
      return;
    }
    Optional<SmartGrant> grant = SmartGrants.verified(request);
    if (grant.isEmpty()) {
      return;
    }
    Set<String> patients = PatientCompartment.patientsOfResponse(request.getFhirContext(), response,
        resource -> !NOT_WITHHELD.contains(resource.fhirType()));
    if (patients.isEmpty()) {
      return;
    }
    Set<String> parties = partiesOf(grant.get());
    List<Denial> denials = ConsentDirectives.denyingAccess(consents.active(patients), parties, new Date());
    if (!denials.isEmpty() && deniedDataWithdrawn) {
      // the costlier look at each resource only once some patient denies the party
      Set<String> disclosed = PatientCompartment.patientsOfResponse(request.getFhirContext(), response,
          this::discloses);
      denials = denials.stream().filter(denial -> disclosed.contains(denial.patient())).toList();
    }
    if (!denials.isEmpty() && isReconcilersHistory(request, grant.get(), response)) {
      withhold((Bundle) response, denials, request.getFhirContext());
    } else if (!denials.isEmpty()) {
      breakGlass(request, grant.get(), denials);
    }
  }

  private boolean isReconcilersHistory(RequestDetails request, SmartGrant grant, IBaseResource response) {
    return response instanceof Bundle && HISTORIES.contains(request.getRestOperationType())
        && grant.facility() != null && reconcilers.contains(grant.facility()) && grant.hasRole(SmartGrant.SYSTEM_ROLE);
  }

  /**
   * Leaves out of a reconciler's history page every entry in the compartment of a patient whose consent denies it
   * (deletions, which carry no content, stay). The page's total, which would count them, is dropped.
   */
  private static void withhold(Bundle page, List<Denial> denials, FhirContext fhirContext) {
    Set<String> denied = denials.stream().map(Denial::patient).collect(Collectors.toSet());
    boolean left = page.getEntry().removeIf(entry -> entry.getResource() != null
        && !NOT_WITHHELD.contains(entry.getResource().fhirType())
        && PatientCompartment.patientsOf(fhirContext, entry.getResource()).stream().anyMatch(denied::contains));
    if (left) {
      page.setTotalElement(null);
    }
  }

  /**
   * Whether a resource in a response can disclose a patient's data. Where denied data is withdrawn, what remains of
   * a withdrawn patient is a record holding its id and meta alone (kept because the opt-out refers to it), which
   * discloses nothing, and a search across patients that meets it runs as usual.
   */
  private boolean discloses(IBaseResource resource) {
    if (NOT_WITHHELD.contains(resource.fhirType())) {
      return false;
    }
    return !deniedDataWithdrawn || !(resource instanceof Resource record) || !bare(record);
  }

  private static boolean bare(Resource record) {
    Resource content = record.copy();
    content.setIdElement(null);
    content.setMeta(null);
    return content.isEmpty();
  }

  /**
   * A count of matches covers resources the response does not carry, so it is checked before the search runs: a
   * count that names patients is refused like their data; a count across patients while any patient's consent denies
   * the requesting party would include that patient's data, and is refused too, unless such data is withdrawn
   * where this server holds it.
   */
  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void counting(RequestDetails request) {
    if (request instanceof SystemRequestDetails || !CountingSearch.isCounting(request)) {
      return;
    }
    Optional<SmartGrant> grant = SmartGrants.verified(request);
    if (grant.isEmpty()) {
      return;
    }
    Set<String> named = CountingSearch.namedPatients(request);
    if (named.isEmpty() && deniedDataWithdrawn) {
      return;
    }
    List<Consent> relevant = named.isEmpty() ? consents.allActive() : consents.active(named);
    List<Denial> denials = ConsentDirectives.denyingAccess(relevant, partiesOf(grant.get()), new Date());
    if (!denials.isEmpty()) {
      breakGlass(request, grant.get(), denials);
    }
  }

  private void breakGlass(RequestDetails request, SmartGrant grant, List<Denial> denials) {
    Optional<String> reason = BreakGlass.reason(request);
    String denied = denials.stream().map(d -> d.consent() + " of Patient/" + d.patient()).distinct()
        .collect(Collectors.joining(", "));
    String party = grant.facility() != null ? grant.facility() : grant.clientId();
    // the refusal names no patient and no Consent: the response may hold several patients' data, and which of them
    // denies the party is itself outside what the token may see
    if (!BreakGlass.allowed(grant)) {
      LOG.info("consent denies {} ({}): {}", party, grant.subject(), denied);
      throw new ForbiddenOperationException(Codes.of(1060) + "a patient's consent denies access by " + party
          + " to data this request reaches; an emergency access needs realm role " + BreakGlass.ROLE
          + " and a reason in header " + BreakGlass.REASON_HEADER);
    }
    if (reason.isEmpty()) {
      throw new ForbiddenOperationException(Codes.of(1061) + "a patient's consent denies access by " + party
          + " to data this request reaches; to break the glass, state the reason in header "
          + BreakGlass.REASON_HEADER);
    }
    try {
      audit.write(BreakGlassAuditEvents.of(request, grant, reason.get(), denials, serverId));
    } catch (RuntimeException e) {
      LOG.warn("break-glass access by {} to {} not audited: {}", grant.subject(), denied, e.toString());
      throw new InternalErrorException(Codes.of(1062) + "the break-glass access could not be audited, so it is refused",
          e);
    }
    LOG.info("break-glass: {} overrides {}: {}", grant.subject(), denied, reason.get());
  }

  /** Who a grant speaks for, as Consents name parties: its facility and its client. */
  public static Set<String> partiesOf(SmartGrant grant) {
    Set<String> parties = new LinkedHashSet<>();
    if (grant.facility() != null) {
      parties.add(grant.facility());
    }
    if (grant.clientId() != null) {
      parties.add(grant.clientId());
    }
    return parties;
  }
}
