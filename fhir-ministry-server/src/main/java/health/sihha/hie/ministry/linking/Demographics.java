package health.sihha.hie.ministry.linking;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import health.sihha.hie.ig.NationalIdentifiers;
import health.sihha.hie.ministry.cpabe.seal.FamilyIndex;
import jakarta.annotation.Nullable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * What matching compares of a Patient, normalised: names and address upper case without accents, punctuation or
 * repeated spaces; the first official (else first) name and the first home (else first) address. Empty strings and
 * null dates mean "not known", which neither agrees nor disagrees.
 */
record Demographics(
    String given, String family, @Nullable LocalDate birthDate, String sex, String line, String city, String postalCode,
    @Nullable String nationalId) {

  static Demographics of(Patient patient) {
    HumanName name = patient.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
        .orElse(patient.getNameFirstRep());
    Address address = patient.getAddress().stream().filter(a -> a.getUse() == Address.AddressUse.HOME).findFirst()
        .orElse(patient.getAddressFirstRep());
    // a year or a month alone is no birth date to compare
    LocalDate birthDate = patient.hasBirthDate() && patient.getBirthDateElement().getPrecision() == TemporalPrecisionEnum.DAY
        ? patient.getBirthDateElement().getValue().toInstant().atZone(ZoneOffset.UTC).toLocalDate()
        : null;
    return new Demographics(
        normalise(name.getGiven().stream().map(StringType::getValue).findFirst().orElse("")),
        normalise(name.getFamily()),
        birthDate,
        patient.hasGender() ? patient.getGender().toCode() : "",
        normalise(address.getLine().stream().map(StringType::getValue).reduce((x, y) -> x + " " + y).orElse("")),
        normalise(address.getCity()),
        normalise(address.getPostalCode()).replace(" ", ""),
        NationalIdentifiers.of(patient).map(Identifier::getValue).map(String::strip).orElse(null));
  }

  static String normalise(@Nullable String text) {
    return FamilyIndex.normalise(text);
  }

  /** Both carry a national identifier and they differ: never the same person, whatever else agrees. */
  boolean conflictsWith(Demographics other) {
    return nationalId != null && other.nationalId != null && !nationalId.equals(other.nationalId);
  }
}
