/**
 * Ciphertext-policy attribute-based encryption (CP-ABE) for the national store: FABEO (Riepel and Wee, CCS 2022) on
 * BLS12-381 through blst, wrapped in a versioned hybrid envelope. {@link health.sihha.hie.interceptors.cpabe.CpAbe} is
 * the entry point; the full specification of the scheme choices and of every byte format is in
 * {@code interceptors/CPABE.md}. Independent of Spring; errors carry codes SIHHA-1400 to 1449.
 *
 * <ul>
 *   <li>{@code cpabe.policy}: the policy language ({@code role:nurse and (facility:provider-a or 2 of (label:n,
 *       unit:icu, unit:er))}), its parser with positioned errors (HTTP 400), and the LSSS matrix with minimal
 *       reconstruction coefficients mod r.
 *   <li>{@code cpabe.scheme}: FABEO setup, key generation, encapsulation and decapsulation (3 Miller loops, one final
 *       exponentiation), the master key, user key and public parameter formats.
 *   <li>{@code cpabe.envelope}: the envelope (FABEO KEM, HKDF-SHA256, AES-256-GCM), its {@code SealContext} as
 *       associated data, and {@code rewrap}, which moves an envelope to a new epoch or policy without touching the
 *       body.
 * </ul>
 *
 * <p>Formats (all integers big-endian, every object starts with a 4-byte magic, format version 1, scheme id 1 =
 * FABEO (2 is kept for FAME), curve id 1 = BLS12-381; G1 points 48 bytes and G2 points 96 bytes compressed):
 *
 * <pre>
 * public parameters  "SHPP" 1 1 1 | g | h | e(g,h)^alpha (576)                             727 bytes
 * master key         "SHMK" 1 1 1 | setup id (16) | g | h | alpha (32)                      199 bytes
 * user key           "SHUK" 1 1 1 | setup id | epoch (u64) | subject (u16 + UTF-8) | h^r | sk3
 *                    | count (u16) | per attribute: name:value (u8 + ASCII) | H_e(y)^r
 * envelope           "SHCT" 1 1 1 | setup id | policy (u16 + canonical text) | epoch (u64)
 *                    | h^s | T (u8) | h^(s'_t) x T | row form (u8) | rows (u16)
 *                    | ct3 x rows (compressed up to 16 rows, uncompressed above)        = ABE header
 *                    | wrap nonce (12) | AES-GCM(KEK, data key) (48)
 *                    | body nonce (12) | AES-GCM(data key, content) (n + 16)
 * KEK = HKDF-SHA256(salt "sihha-cpabe/v1/kek-salt", ikm = e(g,h)^(alpha s) as 576 bytes,
 *                   info = "sihha-cpabe/v1/kek" || ABE header), 32 bytes
 * </pre>
 */
package health.sihha.hie.interceptors.cpabe;
