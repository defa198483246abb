package io.applyflow.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import io.applyflow.job.Jobs;
import io.applyflow.search.AtsSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

  private static AtsSource.Listing listing(String board, String id, String title, String location) {
    return new AtsSource.Listing(new Jobs.Posting("greenhouse", board, id, "api/" + id, "https://x/" + id, title,
        board, location), null);
  }

  private static List<String> titles(List<Jobs.Posting> postings) {
    return postings.stream().map(Jobs.Posting::title).toList();
  }

  private static final List<AtsSource.Listing> ACME = List.of(
      listing("acme", "1", "Senior Backend Engineer", "Berlin"),
      listing("acme", "2", "Backend Engineer", "Remote, Europe"),
      listing("acme", "3", "Product Designer", "Berlin"));

  @Test
  void keepsEveryPostingOfAWatchedBoard() {
    assertEquals(List.of("Senior Backend Engineer", "Backend Engineer", "Product Designer"),
        titles(Discovery.pick(List.of(new Discovery.BoardListings(ACME, true)), List.of(), Set.of(), 50)));
  }

  @Test
  void keepsOnlyWhatASavedSearchMatchesFromADefaultBoard() {
    var search = new Discovery.SavedSearch(1, "Backend Engineer", "mid", null);
    assertEquals(List.of("Backend Engineer"),
        titles(Discovery.pick(List.of(new Discovery.BoardListings(ACME, false)), List.of(search), Set.of(), 50)));
    var senior = new Discovery.SavedSearch(2, "backend engineers", "senior", null);
    assertEquals(List.of("Senior Backend Engineer"),
        titles(Discovery.pick(List.of(new Discovery.BoardListings(ACME, false)), List.of(senior), Set.of(), 50)));
    assertEquals(List.of(), Discovery.pick(List.of(new Discovery.BoardListings(ACME, false)), List.of(), Set.of(), 50),
        "a default board without saved searches recommends nothing");
  }

  @Test
  void aSearchLocationMustBeInThePostingsLocation() {
    var remote = new Discovery.SavedSearch(1, "Backend Engineer", "mid", "remote");
    assertEquals(List.of("Backend Engineer"),
        titles(Discovery.pick(List.of(new Discovery.BoardListings(ACME, false)), List.of(remote), Set.of(), 50)));
    var paris = new Discovery.SavedSearch(1, "Backend Engineer", "mid", "Paris");
    assertEquals(List.of(),
        Discovery.pick(List.of(new Discovery.BoardListings(ACME, false)), List.of(paris), Set.of(), 50));
  }

  @Test
  void skipsPostingsTheFeedHasAndRepeatsAndStopsAtTheCap() {
    var twice = List.of(new Discovery.BoardListings(ACME, true), new Discovery.BoardListings(ACME, true));
    assertEquals(List.of("Senior Backend Engineer", "Product Designer"),
        titles(Discovery.pick(twice, List.of(), Set.of("greenhouse:acme:2"), 50)));
    assertEquals(2, Discovery.pick(twice, List.of(), Set.of(), 2).size());
  }

  @Test
  void validatesASavedSearch() {
    var s = SavedSearches.of("  Data Engineer ", "SENIOR", "  ");
    assertEquals("Data Engineer", s.position());
    assertEquals("senior", s.level());
    assertNull(s.location());
    Failure.Coded e = assertThrows(Failure.Coded.class, () -> SavedSearches.of("Senior", "mid", null));
    assertEquals("position", SavedSearches.field(e.getMessage()), e.getMessage());
    e = assertThrows(Failure.Coded.class, () -> SavedSearches.of("Engineer", "expert", null));
    assertTrue(e.getMessage().startsWith("level must be one of entry, mid, senior"), e.getMessage());
    e = assertThrows(Failure.Coded.class, () -> SavedSearches.of("", "mid", null));
    assertEquals("position", SavedSearches.field(e.getMessage()));
  }

  @Test
  void validatesTheInterval() {
    assertNull(SavedSearches.interval(" "));
    assertEquals(6, SavedSearches.interval("6"));
    for (String bad : List.of("0", "721", "two", "1.5")) {
      Failure.Coded e = assertThrows(Failure.Coded.class, () -> SavedSearches.interval(bad), bad);
      assertEquals("interval_hours", SavedSearches.field(e.getMessage()), e.getMessage());
    }
  }
}
