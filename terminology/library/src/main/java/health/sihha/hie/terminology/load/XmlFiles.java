package health.sihha.hie.terminology.load;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams an XML file of a distribution without resolving DTDs or external entities (a distribution file comes from
 * outside), turning parse errors into a {@link TerminologyLoadException} that names the file.
 */
public final class XmlFiles {

  /** Reads one parsed value from an open XML stream. */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(XMLStreamReader xml, String file) throws XMLStreamException;
  }

  private XmlFiles() {}

  /** Parses {@code entry}; {@code what} names the kind of file in the error message ("UCUM essence"). */
  public static <T> T read(LoadEntry entry, String what, Parser<T> parser) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    try (InputStream in = entry.open()) {
      XMLStreamReader xml = factory.createXMLStreamReader(in);
      try {
        return parser.parse(xml, entry.path());
      } finally {
        xml.close();
      }
    } catch (XMLStreamException | IOException e) {
      throw new TerminologyLoadException("malformed " + what + " " + entry.path() + ": " + e.getMessage(), e);
    }
  }
}
