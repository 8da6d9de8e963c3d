package health.sihha.hie.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class FabricLedgerConfigurationTest {

  @TempDir
  Path dir;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(FabricLedgerConfiguration.class));

  @Test
  void withoutProfileFabricThereIsNoAnchor() {
    runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FabricAnchor.class));
  }

  @Test
  void profileFabricAnchorsThroughTheGatewayOfItsSettings() throws Exception {
    TestIdentity identity = TestIdentity.create(dir, "node-a");
    runner.withInitializer(context -> context.getEnvironment().setActiveProfiles("fabric"))
        .withPropertyValues("sihha.ledger.fabric.endpoint=localhost:7051",
            "sihha.ledger.fabric.tls-ca-cert=" + identity.certificate(), "sihha.ledger.fabric.msp-id=Provider1MSP",
            "sihha.ledger.fabric.certificate=" + identity.certificate(),
            "sihha.ledger.fabric.private-key=" + identity.privateKey(), "sihha.ledger.fabric.node-id=provider-a")
        .run(context -> {
          assertThat(context).hasSingleBean(FabricAnchor.class);
          assertThat(context.getBean(FabricProperties.class).channel()).isEqualTo("sihha-ledger");
        });
  }

  @Test
  void profileFabricWithoutItsSettingsFailsAtStartup() {
    runner.withInitializer(context -> context.getEnvironment().setActiveProfiles("fabric"))
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasRootCauseMessage("sihha.ledger.fabric.endpoint is required with profile fabric"));
  }
}
