package health.sihha.hie.interceptors;

/**
 * Unique error codes for Sihha messages, in the style of HAPI's {@code Msg.code()}: every message a client can
 * receive starts with its code so that a support request can be traced to one line of code.
 *
 * <p>Ranges: 1000-1099 request handling, 1100-1199 ingestion at the ministry, 1200-1299 provider services,
 * 1300-1399 terminology, 1400-1449 CP-ABE (library {@code cpabe}). Within request handling: 1001-1009 request limits, 1010-1019 authentication (tokens),
 * 1020-1039 authorization (facility and cross-facility grants, counts, the operations endpoints, scopes, clinical
 * roles), 1040-1049 SMART discovery, 1050-1059 audit, 1060-1069 consent and break-glass, 1070-1079 subscriptions,
 * 1080-1089 CORS, 1090-1099 the provider's outbox and its Subscription operations ({@code $status}, {@code $events},
 * parked events). Within ingestion: 1101-1109 the ingestion request and the provider's namespace, 1110-1129
 * applying notifications, event numbers, gap repair and reconciliation, 1130-1139 patient linking, 1140-1149
 * aggregation security (ingestion tokens, national readers, the provider's delivery tokens). Within provider
 * services: 1200-1219 profile validation, 1220-1249 beds and encounters, 1250-1279 medication stock, 1280-1289 lab
 * results and personnel, 1290-1299 staff accounts in the identity provider. Within terminology: 1380-1389 access to
 * the terminology server. Within CP-ABE: 1400-1409 policy language, 1410-1419 access structures (LSSS), 1420-1429
 * key and parameter formats, 1430-1439 sealing, opening and rewrapping envelopes, 1440-1449 internal failures of the
 * cryptographic libraries.
 *
 * <p>1500-1549 CP-ABE at the ministry: 1500-1519 sealing (rules, the labeller, the projection), 1520-1529 unsealing
 * (refusals, sealed content that does not open, break-glass).
 *
 * <p>1450-1499 the ledger: 1450-1459 canonical hashing, 1460-1469 hashes and the entry encoding, 1470-1479 Merkle
 * proofs, the store and the log, 1480-1489 keys and signed tree heads, 1490-1499 evidence files.
 *
 * <p>1570-1589 the ministry's CP-ABE attribute authority and its client utility: 1570-1574 key delivery and key
 * administration (who may ask, break-glass), 1575-1579 client keys, wraps and sealed resources, 1580-1587 epochs
 * and the re-wrap job, 1588-1589 internal failures of the JDK's cryptography.
 *
 * <p>1590-1599 the ledger node at the provider: 1590-1591 its JDBC store, 1592-1594 the ledger operations.
 *
 * <p>1600-1609 the ledger's Fabric adapter (module {@code ledger-fabric}): 1600-1601 settings and identity files,
 * 1602-1604 heads refused (by the adapter or the channel), 1605-1606 gateway failures and unreadable answers.
 *
 * <p>1610-1619 the audit trail at the provider: 1610-1614 its access log ({@code $access-log}: 1610 no verified
 * identity, 1611 another facility, 1612 neither the patient nor a privacy officer, 1613 no such patient, 1614 a bad
 * {@code _count}).
 */
public final class Codes {

  private Codes() {}

  /** The message prefix for {@code code}, e.g. {@code "SIHHA-1001: "}. */
  public static String of(int code) {
    return "SIHHA-" + code + ": ";
  }
}
