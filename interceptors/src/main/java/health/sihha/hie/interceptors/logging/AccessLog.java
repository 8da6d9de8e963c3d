package health.sihha.hie.interceptors.logging;

import ca.uhn.fhir.rest.server.interceptor.LoggingInterceptor;
import org.slf4j.LoggerFactory;

/** The one access log line per FHIR request every Sihha server writes, on logger {@value #LOGGER}. */
public final class AccessLog {

  public static final String LOGGER = "sihha.fhir.access";

  private AccessLog() {}

  /** HAPI's logging interceptor writing the request id, operation, URL, verb and time. */
  public static LoggingInterceptor interceptor() {
    LoggingInterceptor log = new LoggingInterceptor();
    log.setLoggerName(LOGGER);
    log.setMessageFormat("${requestId} ${operationType} ${requestUrl} ${requestVerb} ${processingTimeMillis}ms");
    log.setErrorMessageFormat("${requestId} ERROR ${requestVerb} ${requestUrl} ${exceptionMessage}");
    log.setLogExceptions(true);
    return log;
  }

  /** Whether the access log is on: formatting a line costs more than a fast operation, so skip it when it is off. */
  public static boolean enabled() {
    return LoggerFactory.getLogger(LOGGER).isInfoEnabled();
  }
}
