package health.sihha.hie.provider.aggregation.outbox;

/** What a write did to its resource, and how the notification carries it. */
enum Operation {
  CREATE("PUT", "201"),
  UPDATE("PUT", "200"),
  DELETE("DELETE", "204");

  private final String method;
  private final String status;

  Operation(String method, String status) {
    this.method = method;
    this.status = status;
  }

  /** {@code entry.request.method} in a notification. */
  String method() {
    return method;
  }

  /** {@code entry.response.status} in a notification. */
  String status() {
    return status;
  }
}
