package health.sihha.hie.server.ig;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import health.sihha.hie.interceptors.HieOrder;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;

/**
 * Adds to the CapabilityStatement HAPI generates what the IG declares for this kind of server: {@code instantiates}
 * the IG's statement, and each resource type's {@code supportedProfile}s.
 */
@Interceptor(order = HieOrder.CAPABILITY)
public final class ImplementationGuideConformanceInterceptor {

  private final String declaredUrl;
  private final Map<String, CapabilityStatementRestResourceComponent> declaredResources;

  ImplementationGuideConformanceInterceptor(CapabilityStatement declared) {
    this.declaredUrl = declared.getUrl();
    this.declaredResources = declared.getRestFirstRep().getResource().stream()
        .collect(Collectors.toMap(CapabilityStatementRestResourceComponent::getType, Function.identity()));
  }

  @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
  public void declareConformance(IBaseConformance generated) {
    CapabilityStatement statement = (CapabilityStatement) generated;
    if (!statement.hasInstantiates(declaredUrl)) {
      statement.addInstantiates(declaredUrl);
    }
    for (CapabilityStatementRestResourceComponent resource : statement.getRestFirstRep().getResource()) {
      CapabilityStatementRestResourceComponent declared = declaredResources.get(resource.getType());
      if (declared == null) {
        continue;
      }
      for (CanonicalType profile : declared.getSupportedProfile()) {
        if (!resource.hasSupportedProfile(profile.getValue())) {
          resource.addSupportedProfile(profile.getValue());
        }
      }
    }
  }
}
