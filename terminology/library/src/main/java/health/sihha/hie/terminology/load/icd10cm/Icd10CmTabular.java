package health.sihha.hie.terminology.load.icd10cm;

import health.sihha.hie.terminology.load.LoadEntry;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import health.sihha.hie.terminology.load.XmlFiles;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The chapters and blocks of the tabular list XML ({@code icd10cm_tabular_*.xml}): {@code <chapter><desc>},
 * {@code <section id="E08-E13"><desc>} and the categories ({@code <diag><name>}) directly in each section.
 *
 * @param chapters the chapters in tabular order, with the blocks they contain
 * @param blockOfCategory the block code of each category (E11 → E08-E13)
 */
record Icd10CmTabular(List<Chapter> chapters, Map<String, String> blockOfCategory) {

  /** A chapter and its blocks. */
  record Chapter(Icd10CmGroup group, List<Icd10CmGroup> blocks) {}

  private static final Pattern TITLE_WITH_RANGE =
      Pattern.compile("(.*?)\\s*\\(([A-Z][0-9][0-9A-Z])-([A-Z][0-9][0-9A-Z])\\)\\s*");

  static Icd10CmTabular read(LoadEntry entry) {
    return XmlFiles.read(entry, "tabular XML", Icd10CmTabular::parse);
  }

  private static Icd10CmTabular parse(XMLStreamReader xml, String file) throws XMLStreamException {
    List<Chapter> chapters = new ArrayList<>();
    Map<String, String> blockOfCategory = new HashMap<>();
    Deque<String> path = new ArrayDeque<>();
    String chapterTitle = null;
    List<Icd10CmGroup> blocks = null;
    String sectionId = null;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        String element = xml.getLocalName();
        String parent = path.peek();
        if (element.equals("chapter")) {
          chapterTitle = null;
          blocks = new ArrayList<>();
        } else if (element.equals("section") && "chapter".equals(parent)) {
          sectionId = xml.getAttributeValue(null, "id");
        } else if (element.equals("desc") && "chapter".equals(parent)) {
          chapterTitle = xml.getElementText();
          continue;
        } else if (element.equals("desc") && "section".equals(parent) && blocks != null) {
          blocks.add(group(sectionId, xml.getElementText(), file, xml));
          continue;
        } else if (element.equals("name") && "diag".equals(parent) && path.size() >= 2 && isSectionDiag(path)) {
          blockOfCategory.put(xml.getElementText().strip(), sectionId);
          continue;
        }
        path.push(element);
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        path.pop();
        if (xml.getLocalName().equals("chapter")) {
          chapters.add(new Chapter(chapterGroup(chapterTitle, blocks, file), List.copyOf(blocks)));
          blocks = null;
        }
      }
    }
    if (chapters.isEmpty()) {
      throw new TerminologyLoadException(file + ": no <chapter> in the tabular XML");
    }
    return new Icd10CmTabular(List.copyOf(chapters), Map.copyOf(blockOfCategory));
  }

  private static boolean isSectionDiag(Deque<String> path) {
    Iterator<String> it = path.iterator();
    it.next();
    return it.next().equals("section");
  }

  private static Icd10CmGroup group(String id, String desc, String file, XMLStreamReader xml) {
    if (id == null || !id.matches("[A-Z][0-9][0-9A-Z]-[A-Z][0-9][0-9A-Z]")) {
      throw new TerminologyLoadException(file + " line " + xml.getLocation().getLineNumber()
          + ": <section> without a range id such as E08-E13: " + id);
    }
    Matcher matcher = TITLE_WITH_RANGE.matcher(desc);
    String title = matcher.matches() ? matcher.group(1) : desc.strip();
    return new Icd10CmGroup(id.substring(0, 3), id.substring(4), title);
  }

  private static Icd10CmGroup chapterGroup(String desc, List<Icd10CmGroup> blocks, String file) {
    if (desc == null) {
      throw new TerminologyLoadException(file + ": a <chapter> has no <desc>");
    }
    Matcher matcher = TITLE_WITH_RANGE.matcher(desc);
    if (matcher.matches()) {
      return new Icd10CmGroup(matcher.group(2), matcher.group(3), matcher.group(1));
    }
    if (blocks.isEmpty()) {
      throw new TerminologyLoadException(file + ": chapter '" + desc + "' has neither a range nor sections");
    }
    return new Icd10CmGroup(blocks.get(0).first(), blocks.get(blocks.size() - 1).last(), desc.strip());
  }
}
