package health.sihha.hie.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sh} and {@code json} code blocks of a Markdown file, each with the heading of the section it stands in:
 * what the tests that run the README's examples as written read (in the interceptors' test jar, which every server
 * module uses).
 */
public final class ReadmeSections {

  private record Block(String heading, String language, String text) {}

  private final List<Block> blocks = new ArrayList<>();

  public ReadmeSections(Path markdown) throws IOException {
    String heading = "";
    StringBuilder block = null;
    String language = null;
    for (String line : Files.readAllLines(markdown)) {
      if (block == null && line.startsWith("#")) {
        heading = line.replaceFirst("^#+ ", "");
      } else if (block == null && (line.equals("```sh") || line.equals("```json"))) {
        language = line.substring(3);
        block = new StringBuilder();
      } else if (block != null && line.equals("```")) {
        blocks.add(new Block(heading, language, block.toString()));
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
  }

  /** The {@code sh} blocks of the section under {@code heading} (its text, at any level), in their order. */
  public List<String> shellBlocks(String heading) {
    List<String> found = blocks(heading, "sh");
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no sh block under the heading '" + heading + "'");
    }
    return found;
  }

  /** The one {@code json} block of the section under {@code heading}. */
  public String jsonBlock(String heading) {
    List<String> found = blocks(heading, "json");
    if (found.size() != 1) {
      throw new IllegalArgumentException(found.size() + " json blocks under the heading '" + heading + "', not one");
    }
    return found.get(0);
  }

  private List<String> blocks(String heading, String language) {
    return blocks.stream().filter(block -> block.heading().equals(heading) && block.language().equals(language))
        .map(Block::text).toList();
  }

  /** The one {@code sh} block of the file that contains {@code text}. */
  public String shellBlockWith(String text) {
    List<String> found = blocks.stream().filter(block -> block.language().equals("sh")).map(Block::text)
        .filter(block -> block.contains(text)).toList();
    if (found.size() != 1) {
      throw new IllegalArgumentException(found.size() + " sh blocks contain '" + text + "', not one");
    }
    return found.get(0);
  }
}
