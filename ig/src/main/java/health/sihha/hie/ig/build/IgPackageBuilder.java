package health.sihha.hie.ig.build;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import health.sihha.hie.ig.ProfileSelector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The build tool of the IG (run by Maven in {@code process-classes}): reads the sources, generates the snapshots,
 * validates every conformance resource against the base specification and every example against the profile it
 * declares, and writes the FHIR NPM package. Any error-level issue fails the build.
 *
 * <p>Arguments: the source folder and the package file to write.
 */
public final class IgPackageBuilder {

  private static final Logger log = LoggerFactory.getLogger(IgPackageBuilder.class);

  private final FhirContext fhirContext;

  IgPackageBuilder(FhirContext fhirContext) {
    this.fhirContext = fhirContext;
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: IgPackageBuilder <source folder> <package file>");
    }
    new IgPackageBuilder(FhirContext.forR4Cached()).build(Path.of(args[0]), Path.of(args[1]));
  }

  void build(Path sources, Path target) {
    long started = System.nanoTime();
    IgContent content = IgSources.read(fhirContext, sources);
    PrePopulatedValidationSupport ig = new PrePopulatedValidationSupport(fhirContext);
    content.conformance().forEach(ig::addResource);
    ValidationSupportChain chain = new ValidationSupportChain(
        new DefaultProfileValidationSupport(fhirContext),
        ig,
        new CommonCodeSystemsTerminologyService(fhirContext),
        new InMemoryTerminologyServerValidationSupport(fhirContext),
        new SnapshotGeneratingValidationSupport(fhirContext));
    List<StructureDefinition> snapshots = new Snapshots(fhirContext, ig, chain).generate(
        content.structureDefinitions());
    IgContent built = content.withStructureDefinitions(snapshots);
    List<String> errors = validate(built, new IgValidator(fhirContext, chain));
    if (!errors.isEmpty()) {
      errors.forEach(e -> log.error("{}", e));
      throw new IgBuildException(errors.size() + " validation errors in the IG, the first: " + errors.get(0));
    }
    new NpmPackageWriter(fhirContext).write(built, target);
    log.info("IG package {} written: {} conformance resources, {} examples in {} ms", target,
        built.conformance().size(), built.examples().size(), (System.nanoTime() - started) / 1_000_000);
  }

  private static List<String> validate(IgContent content, IgValidator validator) {
    List<String> errors = new ArrayList<>();
    for (Resource resource : content.conformance()) {
      if (!isExtensionDefinition(resource)) {
        errors.addAll(validator.errors(resource, Optional.empty()));
      }
    }
    ProfileSelector selector = new ProfileSelector();
    for (Resource example : content.examples()) {
      Optional<String> declared = declaredProfile(example);
      if (declared.isEmpty() || !declared.equals(selector.profileFor(example))) {
        errors.add(example.fhirType() + "/" + example.getIdPart() + " must declare the one profile "
            + selector.profileFor(example).orElse("(none)") + " that ProfileSelector picks for it");
      }
      errors.addAll(validator.errors(example, declared));
    }
    return errors;
  }

  /**
   * Whether a resource defines an extension. The validator checks an extension definition by loading the core package
   * from packages.fhir.org, which the build cannot reach; extensions are checked by their snapshot generation and by
   * the examples that use them instead.
   */
  private static boolean isExtensionDefinition(Resource resource) {
    return resource instanceof StructureDefinition sd && "Extension".equals(sd.getType());
  }

  private static Optional<String> declaredProfile(Resource example) {
    List<CanonicalType> profiles = example.getMeta().getProfile();
    return profiles.size() == 1 ? Optional.of(profiles.get(0).getValue()) : Optional.empty();
  }
}
