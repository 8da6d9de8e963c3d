package health.sihha.hie.terminology.server.answers;

import java.util.List;
import java.util.Map;

/**
 * A complete {@code 200} answer as it left the server: its body exactly as sent (compressed when the server
 * compressed it) and the headers that do not change from one request to the next.
 */
record CachedAnswer(byte[] body, Map<String, List<String>> headers) {

  CachedAnswer {
    headers = Map.copyOf(headers);
  }

  /** What it takes in memory, roughly: the body and the headers' text. */
  long size() {
    return body.length + headers.entrySet().stream()
        .mapToLong(header -> header.getKey().length() + header.getValue().stream().mapToLong(String::length).sum())
        .sum();
  }
}
