package health.sihha.hie.interceptors.capability;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.test.utilities.server.RestfulServerExtension;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServerIdentityTest {

  private static final ServerIdentity IDENTITY =
      new ServerIdentity("provider", "provider-a", "Provider A General Hospital", "Provider A");

  @RegisterExtension
  static final RestfulServerExtension server = new RestfulServerExtension(FhirContext.forR4Cached())
      .withServer(s -> s.registerInterceptor(new ServerIdentityInterceptor(IDENTITY)));

  @Test
  void machineNameIsTheIdInPascalCase() {
    assertThat(IDENTITY.machineName()).isEqualTo("ProviderA");
    assertThat(new ServerIdentity("ministry", "moh-2nd-region", "t", "p").machineName()).isEqualTo("Moh2ndRegion");
  }

  @Test
  void theCapabilityStatementNamesTheServer() {
    IGenericClient client = server.getFhirClient();
    CapabilityStatement statement = client.capabilities().ofType(CapabilityStatement.class).execute();
    assertThat(statement.getName()).isEqualTo("ProviderA");
    assertThat(statement.getTitle()).isEqualTo("Provider A General Hospital");
    assertThat(statement.getPublisher()).isEqualTo("Provider A");
    assertThat(statement.getSoftware().getName()).isEqualTo("Sihha HIE provider");
  }
}
