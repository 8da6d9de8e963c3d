package health.sihha.hie.ministry.cpabe.authority;

import health.sihha.hie.interceptors.cpabe.scheme.MasterKey;
import java.util.function.Supplier;

/**
 * Where the master key lives, outside the national database: a key file by default ({@link FileMasterKeyStore}); an
 * HSM or a secrets manager is another implementation of this interface, declared as a bean.
 */
public interface MasterKeyStore {

  /** The master key, made with {@code setup} and kept when there is none yet. */
  MasterKey loadOrCreate(Supplier<MasterKey> setup);
}
