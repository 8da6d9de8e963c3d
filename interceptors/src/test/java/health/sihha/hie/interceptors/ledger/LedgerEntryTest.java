package health.sihha.hie.interceptors.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LedgerEntryTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final Hash HASH = Hash.fromHex("fc514a32d89930e43d1e8e1e25c1ccb1afc3e130e68d4331f51125def5180725");

  @Test
  void theEncodingIsFixed() {
    LedgerEntry entry = LedgerEntry.of(EntryKind.RESOURCE_VERSION, "Observation", "hb-1", "3", HASH,
        Instant.parse("2026-11-30T10:15:00.123456Z"));
    assertThat(entry.time()).isEqualTo(Instant.parse("2026-11-30T10:15:00.123Z"));
    // 01 | 01 | 0b "Observation" | 04 "hb-1" | 01 "3" | hash | 1796033700123 ms
    assertThat(HEX.formatHex(entry.encode())).isEqualTo("0101" + "0b4f62736572766174696f6e" + "0468622d31" + "0133"
        + HASH.toHex() + "000001a22bf3611b");
    assertThat(LedgerEntry.decode(entry.encode())).isEqualTo(entry);

    LedgerEntry audit = LedgerEntry.of(EntryKind.AUDIT_EVENT, "AuditEvent", "ae.9", "1", HASH, Instant.EPOCH);
    assertThat(audit.encode()[1]).isEqualTo((byte) 2);
    assertThat(LedgerEntry.decode(audit.encode())).isEqualTo(audit);
  }

  @Test
  void onlyWellFormedEntriesAreAccepted() {
    assertThatThrownBy(() -> LedgerEntry.of(EntryKind.RESOURCE_VERSION, "observation", "a", "1", HASH, Instant.EPOCH))
        .hasMessageStartingWith("SIHHA-1464: ");
    assertThatThrownBy(() -> LedgerEntry.of(EntryKind.RESOURCE_VERSION, "Patient", "a/b", "1", HASH, Instant.EPOCH))
        .hasMessageStartingWith("SIHHA-1464: ");
    assertThatThrownBy(() -> LedgerEntry.of(EntryKind.RESOURCE_VERSION, "Patient", "a", "x".repeat(65), HASH,
        Instant.EPOCH)).hasMessageStartingWith("SIHHA-1464: ");

    byte[] encoded = LedgerEntry.of(EntryKind.RESOURCE_VERSION, "Patient", "p", "1", HASH, Instant.EPOCH).encode();
    assertThatThrownBy(() -> LedgerEntry.decode(Arrays.copyOf(encoded, encoded.length - 1)))
        .hasMessageStartingWith("SIHHA-1465: ");
    assertThatThrownBy(() -> LedgerEntry.decode(Arrays.copyOf(encoded, encoded.length + 1)))
        .hasMessageStartingWith("SIHHA-1465: ");
    byte[] otherFormat = encoded.clone();
    otherFormat[0] = 2;
    assertThatThrownBy(() -> LedgerEntry.decode(otherFormat)).hasMessageStartingWith("SIHHA-1465: ");
    byte[] otherKind = encoded.clone();
    otherKind[1] = 9;
    assertThatThrownBy(() -> LedgerEntry.decode(otherKind)).hasMessageStartingWith("SIHHA-1463: ");
  }

  @Test
  void hashesAreThirtyTwoBytesComparedByValue() {
    assertThat(Hash.fromBase64(HASH.toBase64())).isEqualTo(HASH).hasSameHashCodeAs(HASH);
    assertThat(HASH.toString()).isEqualTo(HASH.toHex());
    byte[] bytes = HASH.bytes();
    bytes[0] = 0;
    assertThat(HASH.bytes()[0]).isEqualTo((byte) 0xfc);
    assertThatThrownBy(() -> new Hash(new byte[31])).hasMessageStartingWith("SIHHA-1460: ");
    assertThatThrownBy(() -> Hash.fromHex("zz")).hasMessageStartingWith("SIHHA-1461: ");
  }
}
