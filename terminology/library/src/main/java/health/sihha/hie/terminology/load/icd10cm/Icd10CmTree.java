package health.sihha.hie.terminology.load.icd10cm;

import health.sihha.hie.terminology.load.CodeSystems;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the nested ICD-10-CM concept tree: chapters, then blocks when the tabular XML gives them, then categories,
 * then each code under the longest proper prefix that is itself a code (E11.9 under E11, S52.521A under S52.521).
 *
 * <p>The {@code kind} of a concept: {@code chapter}, {@code block}, {@code category} (the three-character codes,
 * billable or not), {@code subcategory} (a longer header, not billable) and {@code code} (a longer billable code, the
 * leaves one records).
 */
final class Icd10CmTree {

  static final String KIND = "kind";
  static final String BILLABLE = "billable";

  private static final Logger LOG = LoggerFactory.getLogger(Icd10CmTree.class);

  private final List<Icd10CmGroup> chapters;
  private final Map<String, ConceptDefinitionComponent> chapterConcepts = new LinkedHashMap<>();
  private final Map<String, ConceptDefinitionComponent> blockConcepts = new HashMap<>();
  private final Map<String, String> blockOfCategory;
  private final Map<String, ConceptDefinitionComponent> codes = new HashMap<>(150_000);
  private final List<ConceptDefinitionComponent> orphans = new ArrayList<>();
  private String lastSource = "";

  /** A tree whose chapters come from the built-in FY2021 list, without blocks. */
  Icd10CmTree() {
    this.chapters = Icd10CmChapters.FY2021;
    this.blockOfCategory = Map.of();
    chapters.forEach(chapter -> chapterConcepts.put(chapter.code(), group(chapter, "chapter")));
  }

  /** A tree whose chapters and blocks come from the tabular XML. */
  Icd10CmTree(Icd10CmTabular tabular) {
    this.chapters = tabular.chapters().stream().map(Icd10CmTabular.Chapter::group).toList();
    this.blockOfCategory = tabular.blockOfCategory();
    for (Icd10CmTabular.Chapter chapter : tabular.chapters()) {
      ConceptDefinitionComponent chapterConcept = group(chapter.group(), "chapter");
      chapterConcepts.put(chapter.group().code(), chapterConcept);
      for (Icd10CmGroup block : chapter.blocks()) {
        ConceptDefinitionComponent blockConcept = group(block, "block");
        blockConcepts.put(block.code(), blockConcept);
        chapterConcept.addConcept(blockConcept);
      }
    }
  }

  /** Adds a code; its parent must have been added before (the order of the CDC tables). */
  void add(Icd10CmCode code, String source) {
    lastSource = source;
    ConceptDefinitionComponent concept = CodeSystems.concept(code.dotted(), code.longDescription());
    CodeSystems.addSynonym(concept, code.shortDescription());
    CodeSystems.addBoolean(concept, BILLABLE, code.billable());
    CodeSystems.addCode(concept, KIND, kind(code));
    if (codes.putIfAbsent(code.code(), concept) != null) {
      throw new TerminologyLoadException(source + ": code " + code.dotted() + " appears twice");
    }
    ConceptDefinitionComponent parent = parent(code.code());
    if (parent != null) {
      parent.addConcept(concept);
    } else {
      orphans.add(concept);
    }
  }

  /** The top-level concepts: the chapters that hold codes, then any category outside every chapter. */
  List<ConceptDefinitionComponent> roots() {
    if (codes.isEmpty()) {
      throw new TerminologyLoadException(lastSource + ": no ICD-10-CM codes");
    }
    List<ConceptDefinitionComponent> roots = new ArrayList<>();
    chapterConcepts.values().stream().filter(ConceptDefinitionComponent::hasConcept).forEach(roots::add);
    if (!orphans.isEmpty()) {
      LOG.warn("{} ICD-10-CM codes fall outside every chapter and are top-level concepts, e.g. {}",
          orphans.size(), orphans.get(0).getCode());
      roots.addAll(orphans);
    }
    return roots;
  }

  private @Nullable ConceptDefinitionComponent parent(String code) {
    for (int length = code.length() - 1; length >= 3; length--) {
      ConceptDefinitionComponent parent = codes.get(code.substring(0, length));
      if (parent != null) {
        return parent;
      }
    }
    String category = code.substring(0, 3);
    String block = blockOfCategory.get(category);
    if (block != null && blockConcepts.containsKey(block)) {
      return blockConcepts.get(block);
    }
    for (Icd10CmGroup chapter : chapters) {
      if (chapter.contains(category)) {
        return chapterConcepts.get(chapter.code());
      }
    }
    return null;
  }

  private static String kind(Icd10CmCode code) {
    if (code.code().length() == 3) {
      return "category";
    }
    return code.billable() ? "code" : "subcategory";
  }

  private static ConceptDefinitionComponent group(Icd10CmGroup group, String kind) {
    ConceptDefinitionComponent concept = CodeSystems.concept(group.code(), group.title());
    CodeSystems.addCode(concept, KIND, kind);
    CodeSystems.addBoolean(concept, CodeSystems.NOT_SELECTABLE, true);
    return concept;
  }
}
