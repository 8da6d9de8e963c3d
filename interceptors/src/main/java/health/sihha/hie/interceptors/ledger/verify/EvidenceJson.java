package health.sihha.hie.interceptors.ledger.verify;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.EntryKind;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.merkle.InclusionProof;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The file form of {@link LedgerEvidence}, a JSON object an auditor receives with the resource (hashes and
 * signatures in standard base64, times in ISO 8601 UTC as {@code Instant.toString()} writes them):
 *
 * <pre>{@code
 * {"format": "sihha-ledger-evidence/1",
 *  "entry": {"kind": "RESOURCE_VERSION", "resourceType": "Observation", "logicalId": "hb-1", "versionId": "3",
 *            "hash": "...", "time": "2026-11-30T10:15:00.123Z"},
 *  "inclusionProof": {"leafIndex": 5, "treeSize": 100, "path": ["...", "..."]},
 *  "treeHead": {"nodeId": "provider-a", "treeSize": 100, "rootHash": "...", "timestamp": "...", "signature": "..."}}
 * }</pre>
 */
public final class EvidenceJson {

  /** The value of {@code format}. */
  public static final String FORMAT = "sihha-ledger-evidence/1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private EvidenceJson() {}

  /** The JSON text of {@code evidence}. */
  public static String write(LedgerEvidence evidence) {
    ObjectNode root = JSON.createObjectNode().put("format", FORMAT);
    LedgerEntry entry = evidence.entry();
    root.putObject("entry").put("kind", entry.kind().name()).put("resourceType", entry.key().resourceType())
        .put("logicalId", entry.key().logicalId()).put("versionId", entry.key().versionId())
        .put("hash", entry.hash().toBase64()).put("time", entry.time().toString());
    ObjectNode proof = root.putObject("inclusionProof").put("leafIndex", evidence.proof().leafIndex())
        .put("treeSize", evidence.proof().treeSize());
    ArrayNode path = proof.putArray("path");
    evidence.proof().path().forEach(hash -> path.add(hash.toBase64()));
    SignedTreeHead head = evidence.treeHead();
    root.putObject("treeHead").put("nodeId", head.nodeId()).put("treeSize", head.treeSize())
        .put("rootHash", head.rootHash().toBase64()).put("timestamp", head.timestamp().toString())
        .put("signature", head.signatureBase64());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new InternalErrorException(Codes.of(1490) + "cannot write ledger evidence", e);
    }
  }

  /** The evidence of its JSON text; refuses another format or a missing member. */
  public static LedgerEvidence read(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !FORMAT.equals(root.path("format").asText())) {
        throw new InvalidRequestException(Codes.of(1490) + "not " + FORMAT + " ledger evidence");
      }
      JsonNode e = root.path("entry");
      LedgerEntry entry = LedgerEntry.of(EntryKind.valueOf(text(e, "kind")), text(e, "resourceType"),
          text(e, "logicalId"), text(e, "versionId"), Hash.fromBase64(text(e, "hash")),
          Instant.parse(text(e, "time")));
      JsonNode p = root.path("inclusionProof");
      List<Hash> path = new ArrayList<>();
      for (JsonNode hash : p.path("path")) {
        path.add(Hash.fromBase64(hash.asText()));
      }
      InclusionProof proof = new InclusionProof(number(p, "leafIndex"), number(p, "treeSize"), path);
      JsonNode h = root.path("treeHead");
      SignedTreeHead head = new SignedTreeHead(text(h, "nodeId"), number(h, "treeSize"),
          Hash.fromBase64(text(h, "rootHash")), Instant.parse(text(h, "timestamp")),
          Base64.getDecoder().decode(text(h, "signature")));
      return new LedgerEvidence(entry, proof, head);
    } catch (JsonProcessingException | RuntimeException e) {
      if (e instanceof InvalidRequestException invalid) {
        throw invalid;
      }
      throw new InvalidRequestException(Codes.of(1491) + "invalid ledger evidence: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.path(name);
    if (!value.isTextual()) {
      throw new InvalidRequestException(Codes.of(1491) + "ledger evidence without " + name);
    }
    return value.asText();
  }

  private static long number(JsonNode node, String name) {
    JsonNode value = node.path(name);
    if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
      throw new InvalidRequestException(Codes.of(1491) + "ledger evidence without " + name);
    }
    return value.asLong();
  }
}
