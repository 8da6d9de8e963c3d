package health.sihha.hie.terminology.load.icd10cm;

import java.util.List;

/**
 * The 22 chapters of the ICD-10-CM FY2021 tabular list, with their official titles, used when the tabular XML is not
 * part of the distribution loaded (the order file and the code CSV carry no chapters). Chapter 22, "Codes for special
 * purposes (U00-U85)", holds U07.1 COVID-19 and comes last, as in the tabular list.
 */
final class Icd10CmChapters {

  static final List<Icd10CmGroup> FY2021 = List.of(
      new Icd10CmGroup("A00", "B99", "Certain infectious and parasitic diseases"),
      new Icd10CmGroup("C00", "D49", "Neoplasms"),
      new Icd10CmGroup("D50", "D89",
          "Diseases of the blood and blood-forming organs and certain disorders involving the immune mechanism"),
      new Icd10CmGroup("E00", "E89", "Endocrine, nutritional and metabolic diseases"),
      new Icd10CmGroup("F01", "F99", "Mental, Behavioral and Neurodevelopmental disorders"),
      new Icd10CmGroup("G00", "G99", "Diseases of the nervous system"),
      new Icd10CmGroup("H00", "H59", "Diseases of the eye and adnexa"),
      new Icd10CmGroup("H60", "H95", "Diseases of the ear and mastoid process"),
      new Icd10CmGroup("I00", "I99", "Diseases of the circulatory system"),
      new Icd10CmGroup("J00", "J99", "Diseases of the respiratory system"),
      new Icd10CmGroup("K00", "K95", "Diseases of the digestive system"),
      new Icd10CmGroup("L00", "L99", "Diseases of the skin and subcutaneous tissue"),
      new Icd10CmGroup("M00", "M99", "Diseases of the musculoskeletal system and connective tissue"),
      new Icd10CmGroup("N00", "N99", "Diseases of the genitourinary system"),
      new Icd10CmGroup("O00", "O9A", "Pregnancy, childbirth and the puerperium"),
      new Icd10CmGroup("P00", "P96", "Certain conditions originating in the perinatal period"),
      new Icd10CmGroup("Q00", "Q99", "Congenital malformations, deformations and chromosomal abnormalities"),
      new Icd10CmGroup("R00", "R99",
          "Symptoms, signs and abnormal clinical and laboratory findings, not elsewhere classified"),
      new Icd10CmGroup("S00", "T88", "Injury, poisoning and certain other consequences of external causes"),
      new Icd10CmGroup("V00", "Y99", "External causes of morbidity"),
      new Icd10CmGroup("Z00", "Z99", "Factors influencing health status and contact with health services"),
      new Icd10CmGroup("U00", "U85", "Codes for special purposes"));

  private Icd10CmChapters() {}
}
