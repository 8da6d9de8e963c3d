package health.sihha.hie.ministry.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import health.sihha.hie.ig.NationalIdentifiers;
import health.sihha.hie.ig.SihhaIg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/**
 * The aggregation slice on PostgreSQL with the {@code postgres} profile, schema created by HAPI's migrator.
 * {@code .ci/run} starts PostgreSQL and creates the role and the two databases; each run starts from empty schemas.
 */
class AggregationSlicePostgresIT extends AggregationSliceIT {

  private static final String MINISTRY_DATABASE = "sihha_it_ministry";

  private static final String URL = System.getProperty("sihha.it.postgres-url", "jdbc:postgresql://127.0.0.1:5432/");
  private static final String USER = System.getProperty("sihha.it.postgres-user", "sihha");
  private static final String PASSWORD = System.getProperty("sihha.it.postgres-password", "sihha");

  @Override
  void prepareStorage() throws SQLException {
    for (String database : List.of(MINISTRY_DATABASE, "sihha_it_provider")) {
      try (Connection connection = DriverManager.getConnection(URL + database, USER, PASSWORD);
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
        statement.execute("CREATE SCHEMA public");
      }
    }
  }

  @Override
  List<String> ministryArgs() {
    return database(MINISTRY_DATABASE);
  }

  @Override
  List<String> providerArgs() {
    return database("sihha_it_provider");
  }

  @Override
  String variant() {
    return "postgres";
  }

  /** Secured, so the provider's audit trail (stored only for identified requests) runs on PostgreSQL too. */
  @Override
  boolean secured() {
    return true;
  }

  /**
   * What a copy of the national database reveals: a Synthea patient delivered by the provider arrives (and reads back
   * equal to its source), yet neither {@code pg_dump} of the ministry's database (resource bodies, every HAPI search
   * index table, search URLs and cached searches), nor its full-text index (searched and as files), nor its log holds
   * the patient's names, identifiers, telecom or street address.
   */
  @Test
  void aCopyOfTheNationalStoreHoldsNoNameIdentifierOrAddressOfAPatient() throws Exception {
    Bundle transaction = fhirContext.newJsonParser().parseResource(Bundle.class,
        Files.readString(syntheaPatient(1)));
    Patient source = transaction.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
        .filter(Patient.class::isInstance).map(Patient.class::cast).findFirst().orElseThrow();
    NationalIdentifiers.deriveFromSsn(source);
    Bundle response = providerClient().transaction().withBundle(transaction).execute();
    List<IdType> written = response.getEntry().stream()
        .map(entry -> new IdType(entry.getResponse().getLocation()).toUnqualifiedVersionless())
        .filter(id -> AGGREGATED.contains(id.getResourceType()))
        .toList();
    StoreComparison comparison = new StoreComparison(fhirContext);
    await().atMost(DELIVERY).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(comparison.differences(PROVIDER, written, providerClient(), ministryClient())).isEmpty());

    Set<String> secrets = secretsOf(source);
    String dump = pgDump(MINISTRY_DATABASE);
    assertThat(dump).as("the dump holds the stored resources as text").contains("sealed-content")
        .containsIgnoringCase("hfj_spidx_string");
    assertThat(secrets).allSatisfy(secret -> assertThat(dump).as("pg_dump").doesNotContain(secret));
    String family = source.getNameFirstRep().getFamily();
    assertThat(ministryClient().search().forResource(Patient.class)
        .where(Patient.NAME.matches().value(family)).returnBundle(Bundle.class).execute().getEntry())
        .as("search by name").isEmpty();
    assertThat(ministryClient().search().byUrl("Patient?_content=" + family).returnBundle(Bundle.class).execute()
        .getEntry()).as("full-text search").isEmpty();
    String luceneFiles = filesAsText(work().resolve("ministry-data/lucene"));
    assertThat(secrets).allSatisfy(secret -> assertThat(luceneFiles).as("full-text index files")
        .doesNotContain(secret));
    String log = Files.readString(work().resolve("ministry.log"), StandardCharsets.ISO_8859_1);
    assertThat(secrets).allSatisfy(secret -> assertThat(log).as("ministry log").doesNotContain(secret));
  }

  /**
   * Someone with access to the provider's database rewrites a version in place: the provider's {@code $verify} finds
   * that the version no longer hashes to what its ledger anchored, and the ministry's reconciliation reports the
   * version as altered (its content no longer has the hash that came with it) without copying the forgery. The
   * create's AuditEvent, stored and anchored in the same PostgreSQL database, still verifies.
   */
  @Test
  void aVersionRewrittenInTheProvidersDatabaseFailsVerifyThereAndIsReportedByReconciliation() throws Exception {
    Patient patient = new Patient();
    patient.addName().setFamily("Untampered").addGiven("Slice");
    patient.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(String.valueOf(System.nanoTime()));
    IdType id = (IdType) providerClient().create().resource(patient).execute().getId();
    String nationalId = PROVIDER + "." + id.getIdPart();
    await().atMost(DELIVERY).until(() -> readNational(nationalId), p -> p != null);
    await().atMost(DELIVERY).ignoreExceptions().until(() -> anchoredHash(id, "1"), h -> true);

    try (Connection connection = DriverManager.getConnection(URL + "sihha_it_provider", USER, PASSWORD);
        PreparedStatement forge = connection.prepareStatement("UPDATE HFJ_RES_VER"
            + " SET RES_TEXT_VC = REPLACE(RES_TEXT_VC, 'Untampered', 'Forged') WHERE RES_VER = 1 AND RES_ID ="
            + " (SELECT RES_ID FROM HFJ_RESOURCE WHERE RES_TYPE = 'Patient' AND FHIR_ID = ?)")) {
      forge.setString(1, id.getIdPart());
      assertThat(forge.executeUpdate()).as("the version's row, stored inline").isEqualTo(1);
    }

    Parameters in = new Parameters();
    in.addParameter().setName("version").setValue(new StringType("1"));
    Parameters verdict = providerClient().operation().onInstance(id.toUnqualifiedVersionless()).named("$verify")
        .withParameters(in).execute();
    assertThat(verdict.getParameterBool("valid")).isFalse();
    Bundle created = providerClient().search().forResource(AuditEvent.class)
        .where(AuditEvent.ENTITY.hasId(id.toUnqualifiedVersionless().getValue()))
        .and(AuditEvent.ACTION.exactly().code("C")).returnBundle(Bundle.class).execute();
    assertThat(created.getEntry()).as("the create's AuditEvent").hasSize(1);
    IdType event = created.getEntryFirstRep().getResource().getIdElement().toUnqualifiedVersionless();
    await().atMost(DELIVERY).ignoreExceptions().until(() -> anchoredHash(event, "1"), h -> true);
    assertThat(providerClient().operation().onInstance(event).named("$verify").withNoParameters(Parameters.class)
        .execute().getParameterBool("valid")).as("the AuditEvent, untouched, verifies").isTrue();

    Parameters reconciled = ministryClient().operation().onServer().named("$reconcile")
        .withParameter(Parameters.class, "provider", new StringType(PROVIDER))
        .andParameter("type", new CodeType("Patient")).execute();
    ParametersParameterComponent patients = reconciled.getParameter().stream()
        .filter(p -> "reconciliation".equals(p.getName())).findFirst().orElseThrow();
    assertThat(patients.getPart()).filteredOn(p -> "altered-version".equals(p.getName()))
        .extracting(p -> p.getValue().primitiveValue())
        .contains("Patient/" + id.getIdPart() + "/_history/1");
    assertThat(readNational(nationalId).getNameFirstRep().getFamily()).as("the forgery is not copied")
        .isEqualTo("Untampered");
  }

  /** The patient's names, identifier values, telecom and street address lines. */
  private static Set<String> secretsOf(Patient patient) {
    Set<String> secrets = new LinkedHashSet<>();
    for (HumanName name : patient.getName()) {
      secrets.add(name.getFamily());
      name.getGiven().forEach(given -> secrets.add(given.getValue()));
    }
    patient.getIdentifier().stream().map(Identifier::getValue).forEach(secrets::add);
    patient.getTelecom().stream().map(ContactPoint::getValue).forEach(secrets::add);
    patient.getAddress().forEach(address -> address.getLine().forEach(line -> secrets.add(line.getValue())));
    secrets.removeIf(secret -> secret == null || secret.length() < 4);
    assertThat(secrets).as("what the test looks for").isNotEmpty();
    return secrets;
  }

  private static String pgDump(String database) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("pg_dump", "--no-owner", "-h", "127.0.0.1", "-U", USER, database)
        .redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", PASSWORD);
    Process dump = builder.start();
    byte[] output = dump.getInputStream().readAllBytes();
    assertThat(dump.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(dump.exitValue()).as(new String(output, StandardCharsets.UTF_8)).isZero();
    return new String(output, StandardCharsets.UTF_8);
  }

  private static String filesAsText(Path folder) throws IOException {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.walk(folder)) {
      files.filter(Files::isRegularFile).forEach(file -> {
        try {
          text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return text.toString();
  }

  private static List<String> database(String name) {
    return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + URL + name,
        "--spring.datasource.username=" + USER, "--spring.datasource.password=" + PASSWORD);
  }
}
