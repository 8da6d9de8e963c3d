package health.sihha.hie.provider.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.sihha.hie.interceptors.ledger.EntryKind;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.Sha256;
import health.sihha.hie.interceptors.ledger.canonical.ResourceCanonicalizer;
import health.sihha.hie.interceptors.ledger.merkle.ConsistencyProof;
import health.sihha.hie.interceptors.ledger.merkle.InclusionProof;
import health.sihha.hie.interceptors.ledger.merkle.MerkleVerifier;
import health.sihha.hie.interceptors.ledger.merkle.TreeHasher;
import health.sihha.hie.interceptors.ledger.treehead.LedgerKeyPair;
import health.sihha.hie.interceptors.ledger.treehead.LedgerPublicKey;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeads;
import health.sihha.hie.interceptors.ledger.verify.AuditorVerifier;
import health.sihha.hie.interceptors.ledger.verify.VerificationResult;
import health.sihha.hie.provider.ProviderServerTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger node at work in the provider: writes anchored after commit, proofs an auditor checks with the published
 * key alone, and tampering in the database found by {@code $verify}, the consistency check and the audit. Runs on
 * H2 (the shared test context); the SQL of the tampering is the same on PostgreSQL.
 */
class LedgerOperationsTest extends ProviderServerTest {

  @Autowired
  private JdbcTemplate jdbc;

  @Autowired
  private DaoRegistry daos;

  @Autowired
  private NodeKeyFile keys;

  @Autowired
  private ResourceCanonicalizer canonicalizer;

  @Test
  void everyVersionIsAnchoredAndProvenToAnAuditor() {
    String patientId = createPatient("Ledger");
    Patient patient = client().read().resource(Patient.class).withId(patientId).execute();
    patient.getNameFirstRep().setFamily("Ledger-Renamed");
    client().update().resource(patient).execute();
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.FINAL).getCode().setText("weight");
    String observationId = client().create().resource(observation).execute().getId().getIdPart();
    client().delete().resourceById("Observation", observationId).execute();

    Parameters proof = awaitProof("Patient/" + patientId, "2");
    LedgerEntry entry = LedgerEntry.decode(((Base64BinaryType) part(param(proof, "entry"), "encoded")).getValue());
    SignedTreeHead head = treeHead(param(proof, "treeHead"));
    InclusionProof inclusion = new InclusionProof(integer(proof, "leafIndex"), integer(proof, "treeSize"),
        proof.getParameter().stream().filter(p -> p.getName().equals("path"))
            .map(p -> Hash.fromHex(p.getValue().primitiveValue())).toList());
    LedgerPublicKey key = publishedKey();

    // what an auditor checks with the published key alone
    assertThat(entry.key().toString()).isEqualTo("RESOURCE_VERSION Patient/" + patientId + "/_history/2");
    assertThat(TreeHeads.verify(head, key)).isTrue();
    assertThat(MerkleVerifier.verifyInclusion(TreeHasher.leafHash(entry.encode()), inclusion, head.rootHash()))
        .isTrue();
    // and, given the node's salt, that the version it reads is the one anchored
    String json = fhirContext.newJsonParser().encodeResourceToString(
        client().read().resource(Patient.class).withIdAndVersion(patientId, "2").execute());
    VerificationResult result = new AuditorVerifier(canonicalizer).verify(json, keys.salt(), entry, inclusion, head,
        key);
    assertThat(result.details()).isEmpty();

    assertThat(valid(verify("Patient/" + patientId, "1"))).isTrue();
    assertThat(valid(verify("Patient/" + patientId, null))).isTrue();
    awaitProof("Observation/" + observationId, "2");
    assertThat(valid(verify("Observation/" + observationId, "1"))).isTrue();
    assertThat(valid(verify("Observation/" + observationId, "2"))).as("the tombstone").isTrue();
  }

  @Test
  void auditEventsAreAnchoredAsSuch() {
    AuditEvent event = new AuditEvent();
    event.getType().setSystem("http://dicom.nema.org/resources/ontology/DCM").setCode("110110");
    event.setRecorded(new Date()).getSource().getObserver().setDisplay("ledger test");
    event.addAgent().setRequestor(true).getWho().setDisplay("tester");
    String id = daos.getResourceDao(AuditEvent.class).create(event, new SystemRequestDetails()).getId().getIdPart();

    Parameters proof = awaitProof("AuditEvent/" + id, "1");
    assertThat(LedgerEntry.decode(((Base64BinaryType) part(param(proof, "entry"), "encoded")).getValue()).kind())
        .isEqualTo(EntryKind.AUDIT_EVENT);
    assertThat(valid(verify("AuditEvent/" + id, "1"))).isTrue();
  }

  @Test
  void aChangedResourceRowFailsVerifyAndSaysWhy() {
    String patientId = createPatient("Untouched");
    awaitProof("Patient/" + patientId, "1");
    String where = " WHERE RES_VER = 1 AND RES_ID = (SELECT RES_ID FROM HFJ_RESOURCE WHERE RES_TYPE = 'Patient'"
        + " AND FHIR_ID = ?)";
    Map<String, Object> row = jdbc.queryForMap("SELECT RES_TEXT_VC, RES_TEXT FROM HFJ_RES_VER" + where, patientId);
    String text = (String) row.get("RES_TEXT_VC");
    String stored = text != null ? text : gunzip((byte[]) row.get("RES_TEXT"));
    assertThat(stored).contains("Untouched");
    String forged = stored.replace("Untouched", "Forged");
    try {
      store(where, patientId, text != null, forged);
      Parameters verdict = verify("Patient/" + patientId, "1");
      assertThat(valid(verdict)).isFalse();
      assertThat(strings(verdict, "failure")).containsExactly("HASH_MISMATCH");
      assertThat(strings(verdict, "detail")).singleElement().asString().contains("is not the anchored");
    } finally {
      store(where, patientId, text != null, stored);
    }
    assertThat(valid(verify("Patient/" + patientId, "1"))).isTrue();
  }

  @Test
  void anOldTreeHeadRewrittenEvenWithTheNodesKeyFailsTheConsistencyCheck() {
    awaitProof("Patient/" + createPatient("Before"), "1");
    long older = latestHead().treeSize();
    awaitProof("Patient/" + createPatient("After"), "1");
    SignedTreeHead latest = latestHead();

    Parameters honest = consistency(older);
    assertThat(((BooleanType) param(honest, "consistent").getValue()).booleanValue()).isTrue();
    // an outsider checks the proof against the two heads himself
    ConsistencyProof proof = new ConsistencyProof(older, latest.treeSize(), strings(honest, "path").stream()
        .map(Hash::fromHex).toList());
    SignedTreeHead olderHead = treeHead(param(honest, "firstTreeHead"));
    assertThat(MerkleVerifier.verifyConsistency(proof, olderHead.rootHash(), latest.rootHash())).isTrue();

    Map<String, Object> row = jdbc.queryForMap("SELECT ROOT_HASH, SIGNATURE FROM SIHHA_LEDGER_TREE_HEAD"
        + " WHERE TREE_SIZE = ?", older);
    Hash otherRoot = Sha256.of("another history".getBytes(StandardCharsets.US_ASCII));
    try {
      // without the key: the signature no longer matches
      jdbc.update("UPDATE SIHHA_LEDGER_TREE_HEAD SET ROOT_HASH = ? WHERE TREE_SIZE = ?", otherRoot.toHex(), older);
      assertThat(strings(consistency(older), "verdict")).containsExactly("OLDER_SIGNATURE_INVALID");
      // with the key: signed, but not a prefix of the log
      SignedTreeHead resigned = TreeHeads.signer(olderHead.nodeId(), keys.keys()).sign(older, otherRoot,
          olderHead.timestamp());
      jdbc.update("UPDATE SIHHA_LEDGER_TREE_HEAD SET SIGNATURE = ? WHERE TREE_SIZE = ?", resigned.signatureBase64(),
          older);
      Parameters rewritten = consistency(older);
      assertThat(((BooleanType) param(rewritten, "consistent").getValue()).booleanValue()).isFalse();
      assertThat(strings(rewritten, "verdict")).containsExactly("INCONSISTENT");
    } finally {
      jdbc.update("UPDATE SIHHA_LEDGER_TREE_HEAD SET ROOT_HASH = ?, SIGNATURE = ? WHERE TREE_SIZE = ?",
          row.get("ROOT_HASH"), row.get("SIGNATURE"), older);
    }
  }

  @Test
  void aDeletedEntryRowFailsTheAudit() {
    awaitProof("Patient/" + createPatient("Audited"), "1");
    assertThat(strings(audit(), "problem")).isEmpty();
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM SIHHA_LEDGER_ENTRY WHERE LEAF_INDEX = 0");
    try {
      jdbc.update("DELETE FROM SIHHA_LEDGER_ENTRY WHERE LEAF_INDEX = 0");
      Parameters audit = audit();
      assertThat(((BooleanType) param(audit, "intact").getValue()).booleanValue()).isFalse();
      assertThat(strings(audit, "problem")).singleElement().asString().contains("entry rows were removed");
    } finally {
      jdbc.update("INSERT INTO SIHHA_LEDGER_ENTRY (LEAF_INDEX, KIND, RESOURCE_TYPE, LOGICAL_ID, VERSION_ID, HASH,"
          + " TIME_MS) VALUES (?, ?, ?, ?, ?, ?, ?)", row.get("LEAF_INDEX"), row.get("KIND"), row.get("RESOURCE_TYPE"),
          row.get("LOGICAL_ID"), row.get("VERSION_ID"), row.get("HASH"), row.get("TIME_MS"));
    }
    assertThat(((BooleanType) param(audit(), "intact").getValue()).booleanValue()).isTrue();
  }

  @Test
  void aForgedTreeHeadSignatureIsRejected() {
    String patientId = createPatient("Signed");
    Parameters proof = awaitProof("Patient/" + patientId, "1");
    SignedTreeHead head = treeHead(param(proof, "treeHead"));
    byte[] signature = head.signature();
    signature[0] ^= 1;
    SignedTreeHead forged = new SignedTreeHead(head.nodeId(), head.treeSize(), head.rootHash(), head.timestamp(),
        signature);
    assertThat(TreeHeads.verify(head, publishedKey())).isTrue();
    assertThat(TreeHeads.verify(forged, publishedKey())).isFalse();
    SignedTreeHead otherKey = TreeHeads.signer(head.nodeId(), LedgerKeyPair.generate()).sign(head.treeSize(), head.rootHash(), head.timestamp());
    assertThat(TreeHeads.verify(otherKey, publishedKey())).isFalse();
  }

  @Test
  void badInputIsRefusedWithTheRightStatus() {
    String patientId = createPatient("Refused");
    assertRefused(() -> verify("Patient/" + patientId, "not a version"), 400);
    assertRefused(() -> proof("Patient/" + patientId, "99"), 404);
    assertRefused(() -> proof("Patient/no-such-patient", null), 404);
    assertRefused(() -> consistency(-1), 400);
    assertRefused(() -> consistency(Integer.MAX_VALUE), 400);
    assertThat(treeHeads(0, 0).getParameter()).singleElement()
        .satisfies(p -> assertThat(treeHead(p).treeSize()).isZero());
  }

  private Parameters awaitProof(String id, String version) {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsMatching(e -> e instanceof BaseServerResponseException b && b.getStatusCode() == 404)
        .until(() -> proof(id, version), p -> true);
  }

  private Parameters proof(String id, String version) {
    return instance(id, "$ledger-proof", version);
  }

  private Parameters verify(String id, String version) {
    return instance(id, "$verify", version);
  }

  private Parameters instance(String id, String operation, String version) {
    Parameters in = new Parameters();
    if (version != null) {
      in.addParameter().setName("version").setValue(new StringType(version));
    }
    return client().operation().onInstance(new IdType(id)).named(operation).withParameters(in).useHttpGet()
        .execute();
  }

  private Parameters consistency(long first) {
    return client().operation().onServer().named("$ledger-consistency")
        .withParameter(Parameters.class, "first", new IntegerType(Math.toIntExact(first))).useHttpGet().execute();
  }

  private Parameters treeHeads(int from, int to) {
    return client().operation().onServer().named("$ledger-tree-heads")
        .withParameter(Parameters.class, "from", new IntegerType(from)).andParameter("to", new IntegerType(to))
        .useHttpGet().execute();
  }

  private Parameters audit() {
    return client().operation().onServer().named("$ledger-audit").withNoParameters(Parameters.class).useHttpGet()
        .execute();
  }

  private SignedTreeHead latestHead() {
    return treeHead(client().operation().onServer().named("$ledger-tree-heads").withNoParameters(Parameters.class)
        .useHttpGet().execute().getParameterFirstRep());
  }

  private LedgerPublicKey publishedKey() {
    Parameters key = client().operation().onServer().named("$ledger-public-key").withNoParameters(Parameters.class)
        .useHttpGet().execute();
    LedgerPublicKey fromSpki = LedgerPublicKey.fromSpki(((Base64BinaryType) param(key, "spki").getValue()).getValue());
    assertThat(LedgerPublicKey.fromJwk(param(key, "jwk").getValue().primitiveValue())).isEqualTo(fromSpki);
    return fromSpki;
  }

  private static SignedTreeHead treeHead(ParametersParameterComponent head) {
    return new SignedTreeHead(part(head, "nodeId").primitiveValue(),
        ((IntegerType) part(head, "treeSize")).getValue(), Hash.fromHex(part(head, "rootHash").primitiveValue()),
        ((InstantType) part(head, "timestamp")).getValue().toInstant(),
        ((Base64BinaryType) part(head, "signature")).getValue());
  }

  private static boolean valid(Parameters verdict) {
    return ((BooleanType) param(verdict, "valid").getValue()).booleanValue();
  }

  private static long integer(Parameters parameters, String name) {
    return ((IntegerType) param(parameters, name).getValue()).getValue();
  }

  private static List<String> strings(Parameters parameters, String name) {
    return parameters.getParameter().stream().filter(p -> p.getName().equals(name))
        .map(p -> p.getValue().primitiveValue()).toList();
  }

  private static ParametersParameterComponent param(Parameters parameters, String name) {
    return parameters.getParameter().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
  }

  private static Type part(ParametersParameterComponent parameter, String name) {
    return parameter.getPart().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow().getValue();
  }

  private void store(String where, String patientId, boolean inline, String json) {
    if (inline) {
      jdbc.update("UPDATE HFJ_RES_VER SET RES_TEXT_VC = ?" + where, json, patientId);
    } else {
      jdbc.update("UPDATE HFJ_RES_VER SET RES_TEXT = ?" + where, gzip(json), patientId);
    }
  }

  private static String gunzip(byte[] bytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(String json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void assertRefused(ThrowingCallable call, int status) {
    assertThatThrownBy(call).isInstanceOfSatisfying(BaseServerResponseException.class,
        e -> assertThat(e.getStatusCode()).as(e.getMessage()).isEqualTo(status));
  }
}
