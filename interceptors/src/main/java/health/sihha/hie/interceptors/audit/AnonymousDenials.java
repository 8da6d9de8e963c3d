package health.sihha.hie.interceptors.audit;

/**
 * Where refusals of requests that carried no verified identity go instead of the audit trail: anyone can send
 * those, so storing each one would let anyone grow the database without a token. A server counts them (a metric)
 * and logs them.
 */
@FunctionalInterface
public interface AnonymousDenials {

  /**
   * One refused request without a verified identity.
   *
   * @param status the HTTP status it got, 401 or 403
   * @param method the HTTP method
   * @param path the request path, truncated to 512 characters
   */
  void refused(int status, String method, String path);
}
