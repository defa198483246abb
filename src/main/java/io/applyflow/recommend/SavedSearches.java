package io.applyflow.recommend;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.web.Inputs;
import io.applyflow.search.TitleMatch;
import java.util.List;
import java.util.Locale;

/** Validation of a saved search and of the discovery interval (pure); BAD_INPUT messages start with the field. */
public final class SavedSearches {
  public static final List<String> LEVELS = List.of("entry", "mid", "senior");
  public static final int MAX_INTERVAL_HOURS = 720;

  private SavedSearches() {
  }

  /** A new saved search (id 0) from what the user typed; {@code location} blank means anywhere. */
  public static Discovery.SavedSearch of(String position, String level, String location) {
    String p = Inputs.line("position", position == null ? "" : position, Inputs.POSITION).trim();
    if (p.isEmpty()) {
      throw Failure.BAD_INPUT.with("position is required, e.g. Software Engineer");
    }
    if (!TitleMatch.matches(p, null, p)) {
      throw Failure.BAD_INPUT.with("position '" + p + "' has no word to match a title by (words like 'senior' or"
          + " 'the' are ignored); name the role, e.g. Backend Engineer");
    }
    String l = level == null ? "" : Inputs.line("level", level, Inputs.WORD).trim().toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(l)) {
      throw Failure.BAD_INPUT.with("level must be one of entry, mid, senior; got '" + Inputs.shown(l) + "'");
    }
    String loc = location == null ? null : Inputs.line("location", location, Inputs.LOCATION).trim();
    return new Discovery.SavedSearch(0, p, l, loc == null || loc.isEmpty() ? null : loc);
  }

  /** The interval in hours from a form's text: blank is null (the default), else a whole number 1..720. */
  public static Integer interval(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return interval(Integer.parseInt(Inputs.line("interval_hours", raw, Inputs.NUMBER).trim()));
    } catch (NumberFormatException e) {
      throw Failure.BAD_INPUT.with("interval_hours must be a whole number of hours from 1 to " + MAX_INTERVAL_HOURS
          + ", got '" + Inputs.shown(raw) + "'");
    }
  }

  public static Integer interval(int hours) {
    if (hours < 1 || hours > MAX_INTERVAL_HOURS) {
      throw Failure.BAD_INPUT.with("interval_hours must be from 1 to " + MAX_INTERVAL_HOURS + " hours, got " + hours);
    }
    return hours;
  }

  /** The form field a BAD_INPUT message is about, from its first word. */
  public static String field(String message) {
    for (String f : List.of("watchlist", "interval_hours", "position", "level", "location")) {
      if (message != null && message.startsWith(f)) {
        return f;
      }
    }
    return "";
  }
}
