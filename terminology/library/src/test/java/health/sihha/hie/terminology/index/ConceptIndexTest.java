package health.sihha.hie.terminology.index;

import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.hie.terminology.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConceptIndexTest {

  private final ConceptIndex icd = ConceptIndex.of(Fixtures.icdSlice("2021"), List.of());

  /** The shortcuts taken when every concept is accepted must give what walking every candidate gives. */
  @Test
  void shortcutsForWholeCodeSystemsAgreeWithTheFullWalk() {
    for (String filter : List.of("e", "E1", "e11", "E11.9", "i", "d", "di", "diab", "diab m", "type 2", "hyp",
        "heart", "x", "E00-E89")) {
      for (int limit : List.of(1, 3, 10)) {
        ConceptIndex.Matches fast = icd.search(filter, c -> true, true, limit, null);
        ConceptIndex.Matches walked = icd.search(filter, c -> true, false, limit, null);
        assertThat(fast.total()).as(filter + " total").isEqualTo(walked.total());
        assertThat(codes(fast)).as(filter + " hits").isEqualTo(codes(walked));
      }
    }
  }

  @Test
  void countsCodeAndWordMatchesOnce() {
    ConceptIndex.Matches e = icd.search("e", c -> true, true, 20, null);
    assertThat(e.total()).isEqualTo(9);
    assertThat(codes(e)).startsWith("E08", "E10", "E11", "E08.9").endsWith("E00-E89", "I10");
  }

  private List<String> codes(ConceptIndex.Matches matches) {
    return matches.hits().stream().map(m -> icd.code(m.concept())).toList();
  }
}
