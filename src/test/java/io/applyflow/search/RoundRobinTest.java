package io.applyflow.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.applyflow.job.Jobs;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoundRobinTest {
  private static Jobs.Posting p(String board, String id) {
    return new Jobs.Posting("greenhouse", board, id, "", "", "Engineer " + id, board, null);
  }

  private static List<String> ids(List<Jobs.Posting> picked) {
    return picked.stream().map(Jobs.Posting::externalId).toList();
  }

  @Test
  void takesOneFromEachBoardInTurn() {
    List<List<Jobs.Posting>> boards = List.of(List.of(p("a", "1"), p("a", "2"), p("a", "3")), List.of(p("b", "4")));
    assertEquals(List.of("1", "4", "2"), ids(SearchVerticle.roundRobin(boards, 3, x -> false)));
  }

  @Test
  void knownPostingsAreTakenAsDuplicatesButDoNotCountTowardsTheLimit() {
    List<List<Jobs.Posting>> boards = List.of(List.of(p("a", "1"), p("a", "2"), p("a", "3")),
        List.of(p("b", "4"), p("b", "5")));
    Set<String> known = Set.of("1", "4");
    assertEquals(List.of("1", "4", "2", "5"), ids(SearchVerticle.roundRobin(boards, 2,
        x -> known.contains(x.externalId()))), "two new postings, and the two known ones met on the way");
  }

  @Test
  void aPostingFoundTwiceCountsOnce() {
    List<List<Jobs.Posting>> sources = List.of(List.of(p("a", "1"), p("a", "2")), List.of(p("a", "1")));
    assertEquals(List.of("1", "2"), ids(SearchVerticle.roundRobin(sources, 5, x -> false)));
  }
}
