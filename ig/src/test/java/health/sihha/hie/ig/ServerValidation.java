package health.sihha.hie.ig;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import health.sihha.hie.terminology.Terminology;
import health.sihha.hie.terminology.expand.ExpansionLimits;
import health.sihha.hie.terminology.grammar.GrammarCodeSystems;
import health.sihha.hie.terminology.grammar.UcumCodeSystem;
import health.sihha.hie.terminology.load.TerminologyLoaders;
import health.sihha.hie.terminology.load.ucum.UcumGrammar;
import health.sihha.hie.terminology.registry.TerminologyRegistry;
import health.sihha.hie.terminology.replica.ReplicaValidationSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The validation a Sihha server runs on a write: the IG package over a terminology replica seeded from the shared
 * terminology tables, built once per test JVM.
 */
final class ServerValidation {

  static final Path DATA = sharedData();
  static final Path TERMINOLOGY = DATA.resolve("terminology");
  static final Path SYNTHEA = DATA.resolve("synthea-r4");

  /** Which loader reads which terminology sub-folder, as the terminology server seeds itself. */
  private static final List<List<String>> SEED_SETS = List.of(
      List.of("icd10cm", "icd10cm"), List.of("loinc", "loinc"), List.of("rxnorm", "medications"),
      List.of("ucum", "ucum"));

  private static ServerValidation shared;

  final FhirContext fhirContext = FhirContext.forR4Cached();
  final ProfileSelector selector = new ProfileSelector();
  private final FhirValidator validator;

  private ServerValidation(Path terminology) {
    GrammarCodeSystems grammars = new GrammarCodeSystems(List.of(new UcumCodeSystem(UcumGrammar.bundled())));
    NpmPackageValidationSupport ig = SihhaIg.validationSupport(fhirContext);
    DefaultProfileValidationSupport core = new DefaultProfileValidationSupport(fhirContext);
    TerminologyRegistry registry = registry(terminology);
    ValidationSupportChain chain = new ValidationSupportChain(
        new ReplicaValidationSupport(fhirContext, Terminology.over(registry, grammars, ExpansionLimits.DEFAULT),
            grammars),
        ig,
        core,
        new CommonCodeSystemsTerminologyService(fhirContext),
        new InMemoryTerminologyServerValidationSupport(fhirContext),
        new SnapshotGeneratingValidationSupport(fhirContext));
    FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
    instanceValidator.setAnyExtensionsAllowed(true);
    instanceValidator.setErrorForUnknownProfiles(true);
    validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
  }

  /** {@code shared/data} beside the clone, found from any module directory; a path that does not exist if absent. */
  private static Path sharedData() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return Path.of("../shared/data").toAbsolutePath().normalize();
  }

  /** The validation of the test JVM: with the shared terminology when it is there, else with none. */
  static synchronized ServerValidation shared() {
    if (shared == null) {
      shared = new ServerValidation(TERMINOLOGY);
    }
    return shared;
  }

  /** Validates against the profile ProfileSelector picks, or the base specification when it picks none. */
  List<SingleValidationMessage> validate(IBaseResource resource) {
    return validate(resource, selector.profileFor(resource));
  }

  List<SingleValidationMessage> validate(IBaseResource resource, Optional<String> profile) {
    ValidationOptions options = new ValidationOptions();
    profile.ifPresent(options::addProfile);
    return validator.validateWithResult(resource, options).getMessages();
  }

  static List<SingleValidationMessage> errors(List<SingleValidationMessage> messages) {
    return messages.stream().filter(ServerValidation::isError).toList();
  }

  static boolean isError(SingleValidationMessage message) {
    return message.getSeverity() == ResultSeverityEnum.ERROR || message.getSeverity() == ResultSeverityEnum.FATAL;
  }

  private TerminologyRegistry registry(Path seed) {
    try {
      Path store = Files.createTempDirectory("ig-test-terminology");
      store.toFile().deleteOnExit();
      TerminologyRegistry registry = TerminologyRegistry.open(fhirContext, store);
      TerminologyLoaders loaders = TerminologyLoaders.standard();
      for (List<String> set : SEED_SETS) {
        Path folder = seed.resolve(set.get(1));
        if (Files.isDirectory(folder)) {
          registry.putAll(loaders.load(set.get(0), folder, null));
        }
      }
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the terminology store", e);
    }
  }
}
