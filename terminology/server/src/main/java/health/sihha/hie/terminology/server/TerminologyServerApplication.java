package health.sihha.hie.terminology.server;

import health.sihha.hie.terminology.server.cli.LoadCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The national terminology server: code systems, value sets and concept maps at {@code /fhir}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TerminologyServerApplication {

  /** Starts the server, or with {@code load ...} loads a distribution into a stopped server's store. */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("load")) {
      System.exit(LoadCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
    }
    SpringApplication.run(TerminologyServerApplication.class, args);
  }
}
