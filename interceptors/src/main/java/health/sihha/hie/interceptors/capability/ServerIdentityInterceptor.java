package health.sihha.hie.interceptors.capability;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import health.sihha.hie.interceptors.HieOrder;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;

/** Names the server in its CapabilityStatement, so a client can tell which provider or ministry it talks to. */
@Interceptor(order = HieOrder.CAPABILITY)
public final class ServerIdentityInterceptor {

  private final ServerIdentity identity;

  public ServerIdentityInterceptor(ServerIdentity identity) {
    this.identity = requireNonNull(identity);
  }

  @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
  public void name(IBaseConformance generated) {
    CapabilityStatement statement = (CapabilityStatement) generated;
    statement.setName(identity.machineName());
    statement.setTitle(identity.title());
    statement.setPublisher(identity.publisher());
    statement.getSoftware().setName("Sihha HIE " + identity.role());
    statement.getImplementation().setDescription(identity.title());
  }
}
