package health.sihha.hie.ministry.cpabe.seal;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.interceptors.audit.AuditSink;
import health.sihha.hie.interceptors.consent.BreakGlassAuditEvents;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException;
import health.sihha.hie.interceptors.security.SmartGrant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens sealed resources in whatever the store is about to show (reads, searches and their {@code _include}s,
 * {@code $everything}, history): the server's own requests ({@link SystemRequestDetails}: ingestion, linking,
 * reconciliation, withdrawal) and the trusted roles see plaintext; a user sees the plaintext of what its key opens,
 * and of the rest, per the rule that matches it, the sealed form or a 403 for the whole response. A key holding role
 * {@code break-glass} (the role and a reason in {@code X-Break-Glass-Reason}) opens every default policy, and every
 * response it opened is first recorded as a break-glass AuditEvent; if that cannot be written the response is refused.
 */
@Interceptor(order = HieOrder.SEALING)
public final class UnsealingInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(UnsealingInterceptor.class);

  private final ContentOpener opener;
  private final SealingRules rules;
  private final Readers readers;
  private final AuditSink audit;
  private final String serverId;
  private final int parallelFrom;
  private final IParser parser;

  UnsealingInterceptor(ContentOpener opener, SealingRules rules, Readers readers, AuditSink audit, String serverId,
      int parallelFrom, FhirContext fhirContext) {
    this.opener = requireNonNull(opener);
    this.rules = requireNonNull(rules);
    this.readers = requireNonNull(readers);
    this.audit = requireNonNull(audit);
    this.serverId = requireNonNull(serverId);
    this.parallelFrom = parallelFrom;
    this.parser = fhirContext.newJsonParser();
  }

  @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
  public void preshow(IPreResourceShowDetails details, RequestDetails request) {
    List<Integer> sealed = IntStream.range(0, details.size())
        .filter(i -> details.getResource(i) instanceof Resource r && SealedContent.isSealed(r)).boxed().toList();
    if (sealed.isEmpty()) {
      return;
    }
    Reader reader = readers.of(request);
    IntStream indexes = sealed.stream().mapToInt(Integer::intValue);
    List<Opened> opened = (sealed.size() >= parallelFrom ? indexes.parallel() : indexes)
        .mapToObj(i -> open(i, (Resource) details.getResource(i), reader)).toList();
    List<Opened> refused = opened.stream().filter(Opened::forbidden).toList();
    if (!refused.isEmpty()) {
      throw new ForbiddenOperationException(Codes.of(1520) + "the response holds content sealed under rule "
          + refused.get(0).rule() + " that the token's attributes do not open");
    }
    List<Opened> plaintext = opened.stream().filter(o -> o.plaintext() != null).toList();
    if (!plaintext.isEmpty() && reader.breakGlass().isPresent()) {
      audit(request, reader, plaintext);
    }
    plaintext.forEach(o -> details.setResource(o.index(), o.plaintext()));
  }

  private Opened open(int index, Resource stored, Reader reader) {
    Optional<byte[]> plaintext = opener.open(stored, reader);
    if (plaintext.isPresent()) {
      Resource resource = (Resource) parser.parseResource(new String(plaintext.get(), StandardCharsets.UTF_8));
      resource.setIdElement(stored.getIdElement().copy());
      resource.setMeta(stored.getMeta().copy());
      return new Opened(index, resource, null, false, stored);
    }
    Optional<SealingRule> rule = rules.match(stored);
    // a sealed resource no rule matches any more is refused: the safe side
    boolean forbid = rule.map(r -> r.denyMode() == DenyMode.FORBID).orElse(true);
    return new Opened(index, null, rule.map(SealingRule::name).orElse("(none)"), forbid, stored);
  }

  private void audit(RequestDetails request, Reader reader, List<Opened> opened) {
    Set<String> patients = new TreeSet<>();
    opened.forEach(o -> patientOf(o.stored()).ifPresent(patients::add));
    SmartGrant grant = reader.grant();
    try {
      audit.write(BreakGlassAuditEvents.ofUnsealing(request, grant, reader.breakGlass().orElseThrow(), patients,
          serverId));
    } catch (RuntimeException e) {
      LOG.warn("break-glass opening by {} not audited: {}", grant.subject(), e.toString());
      throw new InternalErrorException(Codes.of(1523) + "the break-glass access could not be audited, so it is"
          + " refused", e);
    }
    LOG.info("break-glass: {} opened {} sealed resources", grant.subject(), opened.size());
  }

  /** The patient a projection belongs to: itself, or its subject or patient reference. */
  private static Optional<String> patientOf(Resource resource) {
    if (resource instanceof Patient) {
      return Optional.of(resource.getIdElement().getIdPart());
    }
    for (String name : List.of("subject", "patient")) {
      var property = resource.getNamedProperty(name);
      if (property != null && property.hasValues() && property.getValues().get(0) instanceof Reference reference
          && "Patient".equals(reference.getReferenceElement().getResourceType())) {
        return Optional.of(reference.getReferenceElement().getIdPart());
      }
    }
    return Optional.empty();
  }

  private record Opened(int index, Resource plaintext, String rule, boolean forbidden, Resource stored) {}
}
