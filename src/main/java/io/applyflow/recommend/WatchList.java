package io.applyflow.recommend;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A user's own watch-list: entries of the {@code WATCHLIST} form ({@link Config.WatchEntry}: {@code greenhouse:<board>},
 * {@code lever:<site>}, {@code lever-eu:<site>}, {@code ashby:<board>}), one per line on the settings page, a JSON
 * array in the API. Pure; a bad entry is a BAD_INPUT naming its line (or array position) and the accepted forms.
 */
public final class WatchList {
  /** At most this many entries: each is one request to its ATS on every discovery pass. */
  public static final int MAX_ENTRIES = 50;

  private WatchList() {
  }

  /** The entries of {@code text}, one per line; blank lines are skipped and a repeated entry is kept once. */
  public static List<Config.WatchEntry> parseLines(String text) {
    List<String> lines = text == null ? List.of() : List.of(text.split("\r\n|\r|\n", -1));
    return parse(lines, "line");
  }

  /** The entries of an API array; {@code what} names an entry's place, e.g. "line" or "entry". */
  public static List<Config.WatchEntry> parse(List<String> raw, String what) {
    Set<String> seen = new LinkedHashSet<>();
    List<Config.WatchEntry> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String entry = raw.get(i) == null ? "" : raw.get(i).trim();
      if (entry.isEmpty()) {
        continue;
      }
      Config.WatchEntry parsed;
      try {
        parsed = Config.WatchEntry.parse(entry);
      } catch (IllegalArgumentException e) {
        throw Failure.BAD_INPUT.with("watchlist " + what + " " + (i + 1) + ": '" + shown(entry)
            + "' is not one of greenhouse:<board token>, lever:<site>, lever-eu:<site> or ashby:<job board name>"
            + " (letters, digits, '.', '_' and '-' after the colon)");
      }
      if (seen.add(parsed.toString())) {
        out.add(parsed);
      }
    }
    if (out.size() > MAX_ENTRIES) {
      throw Failure.BAD_INPUT.with("watchlist has " + out.size() + " entries; at most " + MAX_ENTRIES);
    }
    return out;
  }

  /** The entries as the settings page's text area shows them. */
  public static String lines(List<String> entries) {
    return String.join("\n", entries);
  }

  private static String shown(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
