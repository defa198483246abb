package io.applyflow.recommend;

import io.applyflow.job.Jobs;
import io.applyflow.search.AtsSource;
import io.applyflow.search.Level;
import io.applyflow.search.TitleMatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which listed postings a discovery pass recommends (pure). Every posting of a board on the user's own watch-list is
 * kept; from the default boards ({@code WATCHLIST}, or the sandbox) only postings a saved search matches: its title
 * ({@link TitleMatch}, the run's rule) at its level and, when the search names a location, a posting location that
 * contains it. A posting already in the feed ({@code known}) or met twice is kept once, and at most {@code cap} are
 * taken per pass.
 */
public final class Discovery {
  private Discovery() {
  }

  /** A saved search. {@code location} may be null (anywhere). */
  public record SavedSearch(long id, String position, String level, String location) {
  }

  /** One board's listings, and whether the user watches it (keep all) or it is a default board (searches only). */
  public record BoardListings(List<AtsSource.Listing> listings, boolean watched) {
  }

  /** The key a posting has in the feed: {@code source:board:external id}. */
  public static String key(Jobs.Posting p) {
    return p.source() + ":" + p.board() + ":" + p.externalId();
  }

  public static List<Jobs.Posting> pick(List<BoardListings> boards, List<SavedSearch> searches, Set<String> known,
                                        int cap) {
    List<Jobs.Posting> out = new ArrayList<>();
    Set<String> seen = new HashSet<>(known);
    for (BoardListings b : boards) {
      for (AtsSource.Listing l : b.listings()) {
        if (out.size() >= cap) {
          return out;
        }
        Jobs.Posting p = l.posting();
        if ((b.watched() || matchesAny(searches, l)) && seen.add(key(p))) {
          out.add(p);
        }
      }
    }
    return out;
  }

  static boolean matchesAny(List<SavedSearch> searches, AtsSource.Listing l) {
    for (SavedSearch s : searches) {
      if (matches(s, l)) {
        return true;
      }
    }
    return false;
  }

  static boolean matches(SavedSearch s, AtsSource.Listing l) {
    Jobs.Posting p = l.posting();
    if (!TitleMatch.matches(s.position(), Level.parse(s.level()), p.title(), l.employmentType())) {
      return false;
    }
    if (s.location() == null || s.location().isBlank()) {
      return true;
    }
    return p.location() != null
        && p.location().toLowerCase(Locale.ROOT).contains(s.location().trim().toLowerCase(Locale.ROOT));
  }
}
