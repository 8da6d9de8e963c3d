package health.sihha.hie.ministry.cpabe.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDaoPatient;
import ca.uhn.fhir.jpa.api.dao.PatientEverythingParameters;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.envelope.Envelopes;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.interceptors.security.SmartScopes;
import health.sihha.hie.ministry.MinistryServerTest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Sealing at the ministry on the shared in-process application: what is stored, and what readers of given attributes
 * are shown through the DAOs (the REST layer puts the verified grant in the request the same way).
 */
class SealingTest extends MinistryServerTest {

  private static final String SNOMED = "http://snomed.info/sct";

  @Autowired
  private DaoRegistry daos;

  @Autowired
  private DataSource dataSource;

  @Test
  void storedRowsHoldNoNameIdentifierOrDiagnosisTextAndAnAuthorisedReaderGetsThePlaintext() {
    Delivered d = deliverPatientWithHivAndAnObservation();

    String stored = String.join("\n", storedVersions("Patient", d.patientId()));
    assertThat(stored).contains(SealedContent.URL).contains(FamilyIndex.SYSTEM)
        .doesNotContain(d.family()).doesNotContain(d.given()).doesNotContain(d.identifier())
        .doesNotContain("0612-" + d.suffix()).doesNotContain("Rue " + d.suffix());
    String condition = String.join("\n", storedVersions("Condition", d.conditionId()));
    assertThat(condition).contains(SealedContent.URL).contains("86406008").doesNotContain(d.diagnosisText())
        .doesNotContain("immunodeficiency");

    Patient read = (Patient) read("Patient", d.patientId(), user("physician", null, false));
    assertThat(read.getNameFirstRep().getFamily()).isEqualTo(d.family());
    assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo(d.identifier());
    Patient trusted = (Patient) read("Patient", d.patientId(), new SystemRequestDetails());
    assertThat(trusted.getTelecomFirstRep().getValue()).isEqualTo("0612-" + d.suffix());
  }

  @Test
  void aReaderWhoseAttributesDoNotSatisfyGetsTheSealedFormOrA403PerRule() {
    Delivered d = deliverPatientWithHivAndAnObservation();

    Patient sealed = (Patient) read("Patient", d.patientId(), user("epidemiologist", "epidemiology", false));
    assertThat(SealedContent.isSealed(sealed)).isTrue();
    assertThat(sealed.hasName()).isFalse();
    assertThat(sealed.getBirthDateElement().getYear()).isEqualTo(1979);
    assertThat(sealed.getAddressFirstRep().getState()).isEqualTo("Oran");
    assertThat(sealed.getAddressFirstRep().hasLine()).isFalse();
    assertThat(sealed.getIdentifier()).allSatisfy(id -> assertThat(id.getSystem()).isEqualTo(FamilyIndex.SYSTEM));

    Observation observation = (Observation) read("Observation", d.observationId(), user("nurse", null, false));
    assertThat(observation.getValueQuantity().getValue().intValue()).isEqualTo(72);

    assertThatThrownBy(() -> read("Condition", d.conditionId(), user("nurse", null, false)))
        .isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("SIHHA-1520");
    Condition forEpidemiology = (Condition) read("Condition", d.conditionId(),
        user("epidemiologist", "epidemiology", false));
    assertThat(forEpidemiology.getCode().getText()).isEqualTo(d.diagnosisText());
  }

  @Test
  void breakGlassOpensEverythingAndIsAudited() {
    Delivered d = deliverPatientWithHivAndAnObservation();
    int audited = auditEvents();

    assertThatThrownBy(() -> read("Condition", d.conditionId(), user("nurse", null, false)))
        .isInstanceOf(ForbiddenOperationException.class);
    Condition opened = (Condition) read("Condition", d.conditionId(), user("nurse", null, true));

    assertThat(opened.getCode().getText()).isEqualTo(d.diagnosisText());
    assertThat(auditEvents()).isEqualTo(audited + 1);
  }

  @Test
  void includeAndEverythingObeyTheSameRules() {
    Delivered d = deliverPatientWithHivAndAnObservation();

    SearchParameterMap observations = SearchParameterMap.newSynchronous("_id", new TokenParam(d.observationId()));
    observations.addInclude(new Include("Observation:subject"));
    List<IBaseResource> included = daos.getResourceDao("Observation")
        .search(observations, user("epidemiologist", null, false)).getResources(0, 10);
    assertThat(included).hasSize(2);
    assertThat(included).filteredOn(Observation.class::isInstance).singleElement()
        .satisfies(o -> assertThat(SealedContent.isSealed((Resource) o)).isFalse());
    assertThat(included).filteredOn(Patient.class::isInstance).singleElement()
        .satisfies(p -> assertThat(SealedContent.isSealed((Resource) p)).isTrue());

    SearchParameterMap conditions = SearchParameterMap.newSynchronous("_id", new TokenParam(d.conditionId()));
    conditions.addInclude(new Include("Condition:subject"));
    assertThatThrownBy(() -> daos.getResourceDao("Condition").search(conditions, user("nurse", null, false))
        .getResources(0, 10)).isInstanceOf(ForbiddenOperationException.class);

    assertThatThrownBy(() -> everything(d.patientId(), user("nurse", null, false)))
        .isInstanceOf(ForbiddenOperationException.class);
    List<IBaseResource> all = everything(d.patientId(), user("physician", "infectious-diseases", false));
    assertThat(all).hasSizeGreaterThanOrEqualTo(3).noneMatch(r -> SealedContent.isSealed((Resource) r));
  }

  @Test
  void recordsSealedTogetherShareAHeaderYetAnEnvelopeCopiedToAnotherRecordDoesNotOpen() {
    List<Delivered> delivered = List.of(deliverPatientWithHivAndAnObservation(),
        deliverPatientWithHivAndAnObservation(), deliverPatientWithHivAndAnObservation());
    List<String> rows = delivered.stream().map(d -> storedVersions("Patient", d.patientId()))
        .map(versions -> versions.get(0)).toList();
    List<String> envelopes = rows.stream().map(SealingTest::envelope).toList();
    // one encapsulation serves many envelopes: of three in a row, at most one is the first of a new window
    List<String> headers = envelopes.stream().map(e -> HexFormat.of()
        .formatHex(Envelopes.headerDigest(CpAbe.inspect(Base64.getDecoder().decode(e))))).toList();
    int pair = headers.get(0).equals(headers.get(1)) ? 0 : 1;
    assertThat(headers.get(pair)).isEqualTo(headers.get(pair + 1));
    Delivered first = delivered.get(pair);
    Delivered second = delivered.get(pair + 1);
    assertThat(((Patient) read("Patient", second.patientId(), user("physician", null, false))).getNameFirstRep()
        .getFamily()).isEqualTo(second.family());

    // an attacker with write access to the database puts the first record's envelope on the second
    String secondRow = rows.get(pair + 1);
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    String update = "UPDATE HFJ_RES_VER SET RES_TEXT_VC = ? WHERE RES_ID = (SELECT RES_ID FROM HFJ_RESOURCE"
        + " WHERE RES_TYPE = 'Patient' AND FHIR_ID = ?)";
    jdbc.update(update, secondRow.replace(envelopes.get(pair + 1), envelopes.get(pair)), second.patientId());
    try {
      assertThatThrownBy(() -> read("Patient", second.patientId(), user("physician", null, false)))
          .isInstanceOf(InternalErrorException.class).hasMessageContaining("SIHHA-1521");
      assertThat(((Patient) read("Patient", first.patientId(), user("physician", null, false))).getNameFirstRep()
          .getFamily()).isEqualTo(first.family());
    } finally {
      jdbc.update(update, secondRow, second.patientId());
    }
    assertThat(((Patient) read("Patient", second.patientId(), user("physician", null, false))).getNameFirstRep()
        .getFamily()).isEqualTo(second.family());
  }

  private Delivered deliverPatientWithHivAndAnObservation() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Delivered d = new Delivered(suffix, "Zeroual" + suffix, "Yasmine" + suffix, "NIN-" + suffix,
        "HIV infection noted " + suffix, "provider-a.p" + suffix, "provider-a.c" + suffix, "provider-a.o" + suffix);
    Patient patient = patient("p" + suffix, d.given(), d.family(), "1979-04-12");
    patient.addIdentifier().setSystem("urn:test:mrn").setValue(d.identifier());
    patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("0612-" + suffix);
    patient.getAddressFirstRep().addLine("Rue " + suffix).setCity("Oran city").setState("Oran").setPostalCode("31000");
    deliver("provider-a", patient);
    Condition condition = new Condition();
    condition.setId("c" + suffix);
    condition.getMeta().setVersionId("1");
    condition.setSubject(new Reference("Patient/p" + suffix));
    condition.setCode(new CodeableConcept(new Coding(SNOMED, "86406008", "Human immunodeficiency virus infection"))
        .setText(d.diagnosisText()));
    deliver("provider-a", condition);
    Observation observation = new Observation();
    observation.setId("o" + suffix);
    observation.getMeta().setVersionId("1");
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.setSubject(new Reference("Patient/p" + suffix));
    observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", "Heart rate")));
    observation.getValueQuantity().setValue(72).setUnit("/min");
    deliver("provider-a", observation);
    return d;
  }

  private static Patient patient(String id, String given, String family, String birthDate) {
    Patient patient = new Patient();
    patient.setId(id);
    patient.getMeta().setVersionId("1");
    patient.addName().setFamily(family).addGiven(given);
    patient.setGender(AdministrativeGender.FEMALE);
    patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthDate));
    patient.addAddress().setState("Oran");
    return patient;
  }

  private IBaseResource read(String type, String id, ca.uhn.fhir.rest.api.server.RequestDetails request) {
    return daos.getResourceDao(type).read(new IdType(type, id), request);
  }

  @SuppressWarnings("unchecked")
  private List<IBaseResource> everything(String patientId, ServletRequestDetails request) {
    IFhirResourceDaoPatient<Patient> patients = (IFhirResourceDaoPatient<Patient>) daos.getResourceDao("Patient");
    IBundleProvider bundle = patients.patientInstanceEverything(request.getServletRequest(), request,
        new PatientEverythingParameters(), new IdType("Patient", patientId));
    return bundle.getResources(0, 100);
  }

  private List<String> storedVersions(String type, String id) {
    return new JdbcTemplate(dataSource).queryForList("SELECT v.RES_TEXT_VC FROM HFJ_RES_VER v JOIN HFJ_RESOURCE r"
        + " ON v.RES_ID = r.RES_ID WHERE r.RES_TYPE = ? AND r.FHIR_ID = ?", String.class, type, id);
  }

  /** The base64 envelope of a stored row's sealed-content extension. */
  private static String envelope(String row) {
    Matcher matcher = Pattern.compile("\"url\":\"" + Pattern.quote(SealedContent.URL)
        + "\",\"valueBase64Binary\":\"([^\"]+)\"").matcher(row);
    assertThat(matcher.find()).as("a sealed row: %s", row).isTrue();
    return matcher.group(1);
  }

  private int auditEvents() {
    IFhirResourceDao<AuditEvent> audit = daos.getResourceDao(AuditEvent.class);
    return audit.search(SearchParameterMap.newSynchronous(), new SystemRequestDetails()).size();
  }

  /** A request whose verified token has {@code role} (and {@code specialty}); breaking the glass if asked. */
  private ServletRequestDetails user(String role, String specialty, boolean breakGlass) {
    MockHttpServletRequest servlet = new MockHttpServletRequest();
    ServletRequestDetails request = new ServletRequestDetails();
    request.setServletRequest(servlet);
    request.setServer(new RestfulServer(fhirContext));
    request.setCompleteUrl("http://127.0.0.1:" + port + "/fhir");
    request.setFhirServerBase("http://127.0.0.1:" + port + "/fhir");
    request.setRestOperationType(RestOperationTypeEnum.SEARCH_TYPE);
    Set<String> roles = breakGlass ? Set.of(role, "break-glass") : Set.of(role);
    if (breakGlass) {
      servlet.addHeader("X-Break-Glass-Reason", "unconscious patient in the emergency room");
    }
    SmartGrant grant = new SmartGrant("user-" + role, "sihha-dev-cli", SmartScopes.parse("user/*.rs"), roles,
        "ministry", "national", specialty, null, null, Instant.now().plusSeconds(300));
    request.getUserData().put(SmartGrants.class.getName(), grant);
    return request;
  }

  private record Delivered(String suffix, String family, String given, String identifier, String diagnosisText,
      String patientId, String conditionId, String observationId) {}
}
