package health.sihha.hie.ministry.cpabe.seal;

import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import health.sihha.hie.interceptors.security.SmartGrant;
import jakarta.annotation.Nullable;
import java.util.Optional;

/**
 * Who a response is opened for: the server itself (trusted, opens everything with keys of its own), or a user with the
 * key of its token's attributes (none when it has no attribute), breaking the glass when {@code breakGlassReason} is
 * set.
 */
record Reader(boolean trusted, @Nullable SmartGrant grant, @Nullable UserKey key, @Nullable String breakGlassReason) {

  static final Reader SERVER = new Reader(true, null, null, null);

  Optional<String> breakGlass() {
    return Optional.ofNullable(breakGlassReason);
  }
}
