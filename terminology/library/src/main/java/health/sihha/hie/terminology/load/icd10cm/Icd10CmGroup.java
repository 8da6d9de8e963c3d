package health.sihha.hie.terminology.load.icd10cm;

/**
 * A grouping of ICD-10-CM categories by code range: a chapter or a block (section) of the tabular list.
 *
 * @param first the first category of the range, e.g. {@code E00}
 * @param last the last category of the range, e.g. {@code E89}
 * @param title the official title, without the range
 */
record Icd10CmGroup(String first, String last, String title) {

  /** The concept code: the range, e.g. {@code E00-E89}. */
  String code() {
    return first + "-" + last;
  }

  /** Whether a three-character category falls in the range ("O9A" sorts after "O99", as in the classification). */
  boolean contains(String category) {
    return category.compareTo(first) >= 0 && category.compareTo(last) <= 0;
  }
}
