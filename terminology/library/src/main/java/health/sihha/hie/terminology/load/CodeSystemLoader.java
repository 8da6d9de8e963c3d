package health.sihha.hie.terminology.load;

import jakarta.annotation.Nullable;

/**
 * Turns one terminology's distribution files into FHIR resources. One implementation per code system, so that the
 * store and the upload operation can load any registered terminology by name.
 */
public interface CodeSystemLoader {

  /** The short name the loader is registered under (icd10cm, loinc, rxnorm, ucum). */
  String name();

  /** The canonical URL of the code system it loads. */
  String system();

  /**
   * Loads the distribution.
   *
   * @param source the file, directory or zip
   * @param version the version to record, or null to derive it from the distribution (or use the loader's default)
   * @throws TerminologyLoadException when the input is malformed or no recognised file is found
   */
  TerminologyPackage load(LoadSource source, @Nullable String version);
}
