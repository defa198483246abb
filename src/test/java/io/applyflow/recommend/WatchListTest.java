package io.applyflow.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.config.Config;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchListTest {

  private static List<String> parsed(String text) {
    return WatchList.parseLines(text).stream().map(Config.WatchEntry::toString).toList();
  }

  @Test
  void readsOneEntryPerLineSkippingBlankLinesAndRepeats() {
    assertEquals(List.of("greenhouse:acme-robotics", "lever:tidewater-energy", "lever-eu:nordic", "ashby:Meridian"),
        parsed("greenhouse:acme-robotics\r\n\n  lever:tidewater-energy  \nlever-eu:nordic\nashby:Meridian\n"
            + "greenhouse:acme-robotics\n"));
  }

  @Test
  void anEmptyTextIsAnEmptyWatchList() {
    assertEquals(List.of(), parsed(""));
    assertEquals(List.of(), parsed(null));
    assertEquals(List.of(), parsed("\n  \n"));
  }

  @Test
  void aBadLineIsRefusedNamingItsNumberAndText() {
    Failure.Coded e = assertThrows(Failure.Coded.class,
        () -> WatchList.parseLines("greenhouse:acme\n\nworkday:acme\nlever:x"));
    assertEquals(Failure.BAD_INPUT, e.failure);
    assertTrue(e.getMessage().startsWith("watchlist line 3: 'workday:acme' is not one of greenhouse:"),
        e.getMessage());
  }

  @Test
  void refusesAnEntryWithoutABoardOrWithForbiddenCharacters() {
    for (String bad : List.of("greenhouse:", "greenhouse", ":acme", "greenhouse:acme/../x", "GREENHOUSE:acme",
        "ashby:Meri dian", "lever:x?y=1")) {
      Failure.Coded e = assertThrows(Failure.Coded.class, () -> WatchList.parseLines(bad), bad);
      assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }
  }

  @Test
  void anApiArrayNamesTheEntryNumber() {
    Failure.Coded e = assertThrows(Failure.Coded.class,
        () -> WatchList.parse(List.of("ashby:Meridian", "lever:"), "entry"));
    assertTrue(e.getMessage().startsWith("watchlist entry 2: 'lever:'"), e.getMessage());
  }

  @Test
  void refusesMoreEntriesThanTheMaximum() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i <= WatchList.MAX_ENTRIES; i++) {
      b.append("greenhouse:board-").append(i).append('\n');
    }
    Failure.Coded e = assertThrows(Failure.Coded.class, () -> WatchList.parseLines(b.toString()));
    assertTrue(e.getMessage().contains("at most " + WatchList.MAX_ENTRIES), e.getMessage());
  }
}
