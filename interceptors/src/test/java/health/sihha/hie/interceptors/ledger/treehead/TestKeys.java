package health.sihha.hie.interceptors.ledger.treehead;

import java.util.HexFormat;

/** The key pair of RFC 8032 section 7.1, TEST 1 (also RFC 8037 appendix A's example key). */
public final class TestKeys {

  public static final String SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  public static final String PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

  private static final HexFormat HEX = HexFormat.of();

  private TestKeys() {}

  /** The RFC 8032 key pair, through its PKCS#8 and SPKI DER forms (RFC 8410). */
  public static LedgerKeyPair rfc8032() {
    return LedgerKeyPair.fromEncoded(HEX.parseHex("302e020100300506032b657004220420" + SECRET),
        HEX.parseHex("302a300506032b6570032100" + PUBLIC));
  }
}
