package health.sihha.hie.ledger.fabric;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;

/**
 * An anchor as the chaincode answers it: {@code {"nodeId", "batch", "rootHash" (hex), "treeSize", "signedAt"
 * (epoch ms), "signature" (base64), "anchoredAt" (epoch ms)}}.
 *
 * @param batch the node's batch number on the channel, from 1
 * @param head the signed tree head anchored
 * @param anchoredAt the anchoring transaction's time
 */
public record AnchorJson(long batch, SignedTreeHead head, Instant anchoredAt) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static AnchorJson parse(byte[] json) {
    try {
      JsonNode o = JSON.readTree(json);
      SignedTreeHead head = new SignedTreeHead(o.required("nodeId").asText(), o.required("treeSize").asLong(),
          Hash.fromHex(o.required("rootHash").asText()), Instant.ofEpochMilli(o.required("signedAt").asLong()),
          Base64.getDecoder().decode(o.required("signature").asText()));
      return new AnchorJson(o.required("batch").asLong(), head,
          Instant.ofEpochMilli(o.required("anchoredAt").asLong()));
    } catch (IOException | IllegalArgumentException e) {
      throw new InternalErrorException(Codes.of(1606) + "the chaincode answered an anchor that does not parse", e);
    }
  }
}
