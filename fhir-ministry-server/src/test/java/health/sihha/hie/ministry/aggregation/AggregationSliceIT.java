package health.sihha.hie.ministry.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.ig.NationalIdentifiers;
import health.sihha.hie.ig.SihhaIg;
import health.sihha.hie.interceptors.consent.ConsentDirectives;
import health.sihha.hie.keycloak.testing.SharedKeycloak;
import health.sihha.hie.server.testing.PrivacyConsents;
import health.sihha.hie.server.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

/**
 * The first slice of flow 2 end to end: a real provider server and a real ministry server, each in its own JVM,
 * talking only FHIR over HTTP. Subclasses choose the database and whether both are resource servers of the shared
 * Keycloak; secured, the provider is the realm's {@code provider-a} and delivers with its client's tokens, and the
 * test's own requests carry tokens too (the provider's and the ministry's service accounts).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AggregationSliceIT {

  static final String SOURCE_SYSTEM = "https://sihha.health/fhir/CodeSystem/source-provider";
  /** The realm's provider client, so that its tokens can deliver for it. */
  static final String PROVIDER = "provider-a";
  /** The demo FHIR bases the realm's tokens name in {@code aud}; the servers themselves run on random ports. */
  static final String MINISTRY_AUDIENCE = "http://127.0.0.1:8080/fhir";
  static final String INGESTION_AUDIENCE = "http://127.0.0.1:8080/ingest";
  static final String PROVIDER_AUDIENCE = "http://127.0.0.1:8081/fhir";
  static final List<String> AGGREGATED = List.of("Patient", "Practitioner", "Organization", "Location", "Encounter",
      "Condition", "Observation", "DiagnosticReport", "MedicationRequest", "Procedure", "Immunization",
      "AllergyIntolerance", "Consent");

  private static final Duration START_UP = Duration.ofSeconds(600);
  private static final String READINESS = "/actuator/health/readiness";
  static final Duration DELIVERY = Duration.ofSeconds(180);

  final FhirContext fhirContext = FhirContext.forR4Cached();
  private final RealmTokens providerTokens = RealmTokens.client(PROVIDER, "system/*.cruds");
  private final RealmTokens ministryTokens = RealmTokens.client("ministry", "system/*.rs");
  ServerProcess ministry;
  ServerProcess provider;

  /** Extra arguments for the ministry (e.g. its database). */
  abstract List<String> ministryArgs();

  /** Extra arguments for the provider (e.g. its database). */
  abstract List<String> providerArgs();

  /** A name for this variant's work folder. */
  abstract String variant();

  /** Whether both servers require the realm's tokens ({@code sihha.security.enabled}). */
  abstract boolean secured();

  /** Runs before the servers start, e.g. to empty this variant's databases. */
  void prepareStorage() throws Exception {}

  @BeforeAll
  void startBothServers() throws Exception {
    prepareStorage();
    // a fresh folder every run: the counts below compare whole stores, and a rerun's H2 files would hold the last run's
    Path work = work();
    FileSystemUtils.deleteRecursively(work);
    int ministryPort = ServerProcess.freePort();
    int providerPort = ServerProcess.freePort();
    ministry = ServerProcess.start("ministry", Path.of(System.getProperty("sihha.it.ministry-jar")), work,
        ministryPort, Stream.concat(Stream.of(
            "--sihha.ministry.providers[0].id=" + PROVIDER,
            "--sihha.ministry.providers[0].name=Provider IT",
            "--sihha.ministry.providers[0].fhir-base=http://127.0.0.1:" + providerPort + "/fhir"),
            Stream.concat(Stream.concat(security(MINISTRY_AUDIENCE),
                Stream.of("--sihha.ministry.ingestion-audience=" + INGESTION_AUDIENCE)), ministryArgs().stream()))
            .toList());
    provider = ServerProcess.start("provider", Path.of(System.getProperty("sihha.it.provider-jar")), work,
        providerPort, Stream.concat(Stream.of(
            "--sihha.provider.id=" + PROVIDER,
            "--sihha.provider.name=Provider IT",
            "--sihha.provider.ministry-ingest-url=http://127.0.0.1:" + ministryPort + "/ingest"),
            Stream.concat(security(PROVIDER_AUDIENCE), providerArgs().stream())).toList());
    ministry.awaitReady(READINESS, START_UP);
    provider.awaitReady(READINESS, START_UP);
    await().atMost(DELIVERY).until(() -> providerClient().read().resource(Subscription.class)
        .withId("sihha-ministry").execute().getStatus() == Subscription.SubscriptionStatus.ACTIVE);
  }

  @AfterAll
  void stopBothServers() throws Exception {
    if (provider != null) {
      provider.close();
    }
    if (ministry != null) {
      ministry.close();
    }
  }

  @Test
  void aCreateAndAnUpdateAtTheProviderArriveOnceAndSourceTagged() {
    Patient patient = new Patient();
    patient.addName().setFamily("Slice").addGiven("First");
    patient.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(String.valueOf(System.nanoTime()));
    IdType id = (IdType) providerClient().create().resource(patient).execute().getId();
    String nationalId = PROVIDER + "." + id.getIdPart();

    Patient arrived = await().atMost(DELIVERY).until(() -> readNational(nationalId), p -> p != null);
    assertThat(arrived.getMeta().getTag(SOURCE_SYSTEM, PROVIDER)).isNotNull();
    assertThat(arrived.getMeta().getSource()).startsWith(provider.fhirBase() + "/Patient/" + id.getIdPart()
        + "/_history/1");

    patient.setId(id.toUnqualifiedVersionless());
    patient.getNameFirstRep().setFamily("Slice-Updated");
    providerClient().update().resource(patient).execute();
    await().atMost(DELIVERY).until(() -> "Slice-Updated".equals(readNational(nationalId).getNameFirstRep()
        .getFamily()));

    Bundle history = ministryClient().history().onInstance("Patient/" + nationalId).returnBundle(Bundle.class)
        .execute();
    assertThat(history.getEntry()).as("one national version per provider version").hasSize(2);

    String anchored = await().atMost(DELIVERY).ignoreExceptions().until(() -> anchoredHash(id, "2"), h -> true);
    Bundle imports = ministryClient().search().forResource(AuditEvent.class)
        .where(AuditEvent.ENTITY.hasId("Patient/" + nationalId)).returnBundle(Bundle.class).execute();
    assertThat(imports.getEntry()).map(e -> (AuditEvent) e.getResource())
        .flatMap(AuditEvent::getEntity)
        .filteredOn(entity -> entity.getDetail().stream().anyMatch(d -> d.getType().equals("source")
            && d.getValue().primitiveValue().endsWith("/Patient/" + id.getIdPart() + "/_history/2")))
        .as("the import of version 2 names the salted hash the provider's ledger anchored for it")
        .singleElement().satisfies(entity -> assertThat(entity.getDetail()).anySatisfy(d -> {
          assertThat(d.getType()).isEqualTo("ledger-hash");
          assertThat(d.getValue().primitiveValue()).isEqualTo(anchored);
        }));
  }

  String anchoredHash(IdType id, String version) {
    Parameters in = new Parameters();
    in.addParameter().setName("version").setValue(new StringType(version));
    Parameters proof = providerClient().operation().onInstance(id.toUnqualifiedVersionless()).named("$ledger-proof")
        .withParameters(in).execute();
    return proof.getParameter("entry").getPart().stream().filter(p -> p.getName().equals("hash")).findFirst()
        .orElseThrow().getValue().primitiveValue();
  }

  @Test
  void aSyntheaPatientArrivesEqualToItsSourceWithEveryReferenceResolved() throws Exception {
    Bundle transaction = fhirContext.newJsonParser().parseResource(Bundle.class,
        Files.readString(firstSyntheaPatient()));
    transaction.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Patient.class::isInstance)
        .forEach(p -> NationalIdentifiers.deriveFromSsn((Patient) p));
    Date start = new Date();
    Bundle response = providerClient().transaction().withBundle(transaction).execute();
    List<IdType> written = response.getEntry().stream()
        .map(entry -> new IdType(entry.getResponse().getLocation()).toUnqualifiedVersionless())
        .filter(id -> AGGREGATED.contains(id.getResourceType()))
        .toList();
    assertThat(written).isNotEmpty();
    if (secured()) {
      // the bundle's conditional creates of a hospital or practitioner already held create nothing (200)
      assertEachCreateAudited(response.getEntry().stream().filter(entry -> entry.getResponse().getStatus()
          .startsWith("201")).map(entry -> new IdType(entry.getResponse().getLocation()).toUnqualifiedVersionless())
          .toList(), start);
    }

    StoreComparison comparison = new StoreComparison(fhirContext);
    await().atMost(DELIVERY).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(comparison.differences(PROVIDER, written, providerClient(), ministryClient())).isEmpty());
    for (String type : AGGREGATED) {
      assertThat(comparison.placeholders(ministryClient(), type)).as(type + " placeholders").isEmpty();
    }
  }

  @Test
  void anOptOutAtTheProviderWithdrawsThePatientsNationalData() {
    Patient patient = new Patient();
    patient.addName().setFamily("Slice").addGiven("Opting-Out");
    patient.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(String.valueOf(System.nanoTime()));
    String id = providerClient().create().resource(patient).execute().getId().getIdPart();
    Observation glucose = new Observation();
    glucose.setStatus(Observation.ObservationStatus.FINAL);
    glucose.getCode().addCoding().setSystem("http://loinc.org").setCode("2339-0");
    glucose.setSubject(new Reference("Patient/" + id));
    IdType observation = (IdType) providerClient().create().resource(glucose).execute().getId()
        .toUnqualifiedVersionless();
    String nationalObservation = PROVIDER + "." + observation.getIdPart();
    await().atMost(DELIVERY).until(() -> nationalStatus("Observation/" + nationalObservation) == 200);

    providerClient().create().resource(PrivacyConsents.denying(id, ConsentDirectives.MINISTRY)).execute();

    await().atMost(DELIVERY).until(() -> nationalStatus("Observation/" + nationalObservation) == 410);
    Bundle consents = ministryClient().search().forResource(Consent.class)
        .where(Consent.PATIENT.hasId("Patient/" + PROVIDER + "." + id)).returnBundle(Bundle.class).execute();
    assertThat(consents.getEntry()).as("the opt-out itself is kept nationally").hasSize(1);
    // the provider still holds the observation; its delete keeps the whole-store counts of the other tests equal
    providerClient().delete().resourceById(observation).execute();
  }

  @Test
  void theMinistryWitnessesTheProvidersLedgerAsItGrows() {
    Patient patient = new Patient();
    patient.addName().setFamily("Slice").addGiven("Witnessed");
    patient.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(String.valueOf(System.nanoTime()));
    providerClient().create().resource(patient).execute();
    int first = await().atMost(DELIVERY).until(this::witnessedTreeSize, size -> size > 0);
    assertThat(witnessVerdict()).isEqualTo("CONSISTENT");

    patient.getNameFirstRep().addGiven("Again");
    providerClient().create().resource(patient.setId((String) null)).execute();
    int second = await().atMost(DELIVERY).until(this::witnessedTreeSize, size -> size > first);
    assertThat(second).isGreaterThan(first);
    assertThat(witnessVerdict()).as("the newer head is proven to extend the older one").isEqualTo("CONSISTENT");
  }

  /** The ministry collects and checks the provider's latest ledger head now; the size of the head it holds. */
  private int witnessedTreeSize() {
    Parameters.ParametersParameterComponent witnessed = witnessCheck();
    return witnessed.getPart().stream().filter(p -> "treeHead".equals(p.getName())).findFirst()
        .flatMap(head -> head.getPart().stream().filter(p -> "treeSize".equals(p.getName())).findFirst())
        .map(p -> ((IntegerType) p.getValue()).getValue()).orElse(0);
  }

  private String witnessVerdict() {
    return witnessCheck().getPart().stream().filter(p -> "verdict".equals(p.getName())).findFirst()
        .map(p -> p.getValue().primitiveValue()).orElseThrow();
  }

  private Parameters.ParametersParameterComponent witnessCheck() {
    return ministryClient().operation().onServer().named("$ledger-witness-check")
        .withParameter(Parameters.class, "provider", new StringType(PROVIDER)).execute().getParameterFirstRep();
  }

  /** The HTTP status of a national read: 200, 404 not (yet) there, 410 deleted. */
  private int nationalStatus(String id) {
    try {
      ministryClient().read().resource(id.substring(0, id.indexOf('/'))).withId(id.substring(id.indexOf('/') + 1))
          .execute();
      return 200;
    } catch (BaseServerResponseException e) {
      return e.getStatusCode();
    }
  }

  Patient readNational(String nationalId) {
    try {
      return ministryClient().read().resource(Patient.class).withId(nationalId).execute();
    } catch (ResourceNotFoundException notYet) {
      return null;
    }
  }

  private Stream<String> security(String audience) {
    return secured()
        ? Stream.of("--sihha.security.enabled=true", "--sihha.security.issuer=" + SharedKeycloak.realmUrl(),
            "--sihha.security.audience=" + audience)
        : Stream.of("--sihha.security.enabled=false");
  }

  IGenericClient providerClient() {
    return client(provider.fhirBase(), providerTokens);
  }

  IGenericClient ministryClient() {
    return client(ministry.fhirBase(), ministryTokens);
  }

  private IGenericClient client(String base, RealmTokens tokens) {
    fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    fhirContext.getRestfulClientFactory().setSocketTimeout(120_000);
    IGenericClient client = fhirContext.newRestfulGenericClient(base);
    if (secured()) {
      client.registerInterceptor(tokens);
    }
    return client;
  }

  /**
   * The provider stored a create AuditEvent naming each resource, linked to it: a search by a resource other than the
   * Patient finds its one create event (the Patient is named by the events of its whole compartment).
   */
  private void assertEachCreateAudited(List<IdType> created, Date since) {
    List<AuditEvent> events = new ArrayList<>();
    Bundle page = providerClient().search().forResource(AuditEvent.class)
        .where(AuditEvent.ACTION.exactly().code("C")).and(AuditEvent.DATE.afterOrEquals().millis(since))
        .count(500).returnBundle(Bundle.class).execute();
    while (page != null) {
      page.getEntry().forEach(entry -> events.add((AuditEvent) entry.getResource()));
      page = page.getLink(Bundle.LINK_NEXT) == null ? null : providerClient().loadPage().next(page).execute();
    }
    List<String> named = events.stream().flatMap(event -> event.getEntity().stream())
        .map(entity -> entity.getWhat().getReference()).filter(Objects::nonNull).toList();
    assertThat(named).containsAll(created.stream().map(IdType::getValue).toList());
    List<IdType> notPatients = created.stream().filter(id -> !"Patient".equals(id.getResourceType())).toList();
    for (IdType id : List.of(notPatients.get(0), notPatients.get(notPatients.size() - 1))) {
      Bundle linked = providerClient().search().forResource(AuditEvent.class)
          .where(AuditEvent.ENTITY.hasId(id.getValue())).and(AuditEvent.ACTION.exactly().code("C"))
          .returnBundle(Bundle.class).execute();
      assertThat(linked.getEntry()).as("the create event of " + id.getValue()).hasSize(1);
    }
  }

  private static Path firstSyntheaPatient() throws Exception {
    return syntheaPatient(0);
  }

  /** The {@code index}-th Synthea patient bundle of ../shared/data (in name order); the test is skipped without it. */
  static Path syntheaPatient(int index) throws Exception {
    Path shared = Path.of("").toAbsolutePath().getParent().getParent().resolve("shared/data/synthea-r4");
    assumeTrue(Files.isDirectory(shared),
        "../shared/data/synthea-r4 is not beside this clone: the Synthea slice is skipped");
    try (Stream<Path> files = Files.list(shared)) {
      return files.filter(f -> f.getFileName().toString().matches("[A-Z].*_[0-9a-f-]{36}\\.json")).sorted()
          .skip(index).findFirst().orElseThrow();
    }
  }

  /** This variant's work folder: the servers' logs and data folders. */
  Path work() {
    return Path.of(System.getProperty("sihha.it.work-dir")).resolve(variant());
  }
}
