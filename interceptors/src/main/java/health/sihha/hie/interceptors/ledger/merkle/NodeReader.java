package health.sihha.hie.interceptors.ledger.merkle;

import health.sihha.hie.interceptors.ledger.Hash;
import java.util.List;

/** Reads complete subtree hashes, in one call per proof: the store's side of proof building. */
@FunctionalInterface
public interface NodeReader {

  /** The hashes of {@code ids}, in the same order; every one is a complete subtree of the log as it stands. */
  List<Hash> read(List<NodeId> ids);
}
