package health.sihha.hie.interceptors.ledger.store;

import health.sihha.hie.interceptors.ledger.Hash;
import java.util.ArrayList;
import java.util.List;

/** An append-only column of hashes in 128 KiB chunks: 32 bytes a hash, no object per hash. Not thread-safe. */
final class HashColumn {

  private static final int CHUNK_HASHES = 4096;

  private final List<byte[]> chunks = new ArrayList<>();
  private long size;

  long size() {
    return size;
  }

  void add(Hash hash) {
    int offset = (int) (size % CHUNK_HASHES);
    if (offset == 0) {
      chunks.add(new byte[CHUNK_HASHES * Hash.LENGTH]);
    }
    hash.copyTo(chunks.get(chunks.size() - 1), offset * Hash.LENGTH);
    size++;
  }

  Hash get(long index) {
    byte[] chunk = chunks.get((int) (index / CHUNK_HASHES));
    int from = (int) (index % CHUNK_HASHES) * Hash.LENGTH;
    byte[] bytes = new byte[Hash.LENGTH];
    System.arraycopy(chunk, from, bytes, 0, Hash.LENGTH);
    return new Hash(bytes);
  }
}
