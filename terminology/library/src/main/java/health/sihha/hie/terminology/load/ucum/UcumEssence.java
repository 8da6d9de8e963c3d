package health.sihha.hie.terminology.load.ucum;

import health.sihha.hie.terminology.load.CodeSystems;
import health.sihha.hie.terminology.load.LoadEntry;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import health.sihha.hie.terminology.load.XmlFiles;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;

/**
 * The units listed in the UCUM essence XML: each {@code <base-unit>} and {@code <unit>} becomes a concept (code = its
 * case-sensitive {@code Code}, display = its first name, other names as synonyms, {@code property} = the kind of
 * quantity). Prefixes are not units and are left out.
 *
 * @param version the essence's {@code version} attribute
 * @param units the units by code, in file order
 */
record UcumEssence(String version, Map<String, ConceptDefinitionComponent> units) {

  static final String PROPERTY = "property";

  static UcumEssence read(LoadEntry entry) {
    return XmlFiles.read(entry, "UCUM essence", UcumEssence::parse);
  }

  private static UcumEssence parse(XMLStreamReader xml, String file) throws XMLStreamException {
    String version = null;
    Map<String, ConceptDefinitionComponent> units = new LinkedHashMap<>();
    ConceptDefinitionComponent unit = null;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        String element = xml.getLocalName();
        if (element.equals("root")) {
          version = xml.getAttributeValue(null, "version");
        } else if (element.equals("base-unit") || element.equals("unit")) {
          String code = xml.getAttributeValue(null, "Code");
          if (code == null || code.isEmpty()) {
            throw new TerminologyLoadException(
                file + " line " + xml.getLocation().getLineNumber() + ": <" + element + "> without a Code");
          }
          unit = CodeSystems.concept(code, null);
          units.putIfAbsent(code, unit);
        } else if (unit != null && element.equals("name")) {
          String name = xml.getElementText().strip();
          if (unit.hasDisplay()) {
            CodeSystems.addSynonym(unit, name);
          } else {
            unit.setDisplay(name);
          }
        } else if (unit != null && element.equals("property")) {
          CodeSystems.addString(unit, PROPERTY, xml.getElementText().strip());
        }
      } else if (event == XMLStreamConstants.END_ELEMENT
          && (xml.getLocalName().equals("base-unit") || xml.getLocalName().equals("unit"))) {
        unit = null;
      }
    }
    if (version == null || units.isEmpty()) {
      throw new TerminologyLoadException(file + " is not a UCUM essence: no <root version> or no units");
    }
    return new UcumEssence(version, units);
  }
}
