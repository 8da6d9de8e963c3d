package health.sihha.hie.terminology.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The national terminology server: code systems, value sets and concept maps at {@code /fhir}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TerminologyServerApplication {

  public static void main(String[] args) {
    SpringApplication.run(TerminologyServerApplication.class, args);
  }
}
