package health.sihha.bench.terminology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The ICD-10-CM table in the shape of CDC's tabular XML ({@code chapter/section/diag}, each {@code diag} with its
 * {@code name}, {@code desc} and child {@code diag}s), zipped: the only input HAPI's upload operation takes for
 * {@code http://hl7.org/fhir/sid/icd-10-cm} (HAPI routes that system to its ICD-10-CM loader and any other to the
 * custom CSV loader). We have CDC's order file, not the tabular XML, so the hierarchy is the code structure's (see
 * {@link Icd10CmCode#parent}) and every code, 7th-character ones included, is a {@code diag} of its own: no
 * {@code sevenChrDef} for HAPI to expand. One chapter and one section hold everything; HAPI makes no concepts of
 * them.
 */
final class Icd10CmTabular {

  static final String ZIP_NAME = "icd10cm_tabular_2021.zip";
  private static final String XML_NAME = "icd10cm_tabular_2021.xml";

  private Icd10CmTabular() {}

  static byte[] zip(List<Icd10CmCode> table) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(XML_NAME));
      zip.write(xml(table).getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot zip the tabular XML", e);
    }
    return bytes.toByteArray();
  }

  static String xml(List<Icd10CmCode> table) {
    Set<String> codes = Icd10CmCode.codes(table);
    Map<String, List<Icd10CmCode>> children = new HashMap<>();
    List<Icd10CmCode> roots = new ArrayList<>();
    for (Icd10CmCode code : table) {
      String parent = Icd10CmCode.parent(code.code(), codes);
      if (parent == null) {
        roots.add(code);
      } else {
        children.computeIfAbsent(parent, key -> new ArrayList<>()).add(code);
      }
    }
    StringBuilder xml = new StringBuilder(16 * 1024 * 1024)
        .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ICD10CM.tabular>\n<version>2021</version>\n")
        .append("<chapter><name>1</name><desc>All codes</desc><section id=\"A00-Z99\"><desc>All codes</desc>\n");
    roots.forEach(root -> diag(root, children, xml));
    return xml.append("</section></chapter>\n</ICD10CM.tabular>\n").toString();
  }

  private static void diag(Icd10CmCode code, Map<String, List<Icd10CmCode>> children, StringBuilder xml) {
    xml.append("<diag><name>").append(code.code()).append("</name><desc>").append(escape(code.description()))
        .append("</desc>");
    children.getOrDefault(code.code(), List.of()).forEach(child -> diag(child, children, xml));
    xml.append("</diag>\n");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
