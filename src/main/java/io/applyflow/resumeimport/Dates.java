package io.applyflow.resumeimport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and date ranges as resumes write them, read into JSON Resume's {@code YYYY-MM} or {@code YYYY}:
 * "Jan 2020 – Present", "2019-03 - 2021-07", "03/2019 – 07/2021", "2018 — 2020", "March 2019 to June 2021",
 * "2020年4月 – 現在". A hyphen, en dash, em dash, minus, tilde or "to" (and its German, French and Spanish words)
 * joins the two ends; "Present", "Current", "Now" and their translations end an ongoing range, which has no end date.
 * Only text up to {@link #MAX_LINE} characters is searched (each line is short; the patterns do not backtrack far).
 */
final class Dates {
  static final int MAX_LINE = 400;
  private static final Map<String, Integer> MONTHS = new HashMap<>();
  private static final Pattern TOKEN = Pattern.compile(
      "(?<![\\p{L}\\d])(?:"
          + "(?<mon>\\p{L}{3,10})\\.?,?\\s{0,2}(?<my>\\d{4})"
          + "|(?<y1>\\d{4})[-/.](?<m1>\\d{1,2})(?:[-/.]\\d{1,2})?"
          + "|(?<m2>\\d{1,2})[/.](?<y2>\\d{4})"
          + "|(?<y4>\\d{4})\\s?年\\s?(?<m4>\\d{1,2})\\s?月"
          + "|(?<y3>\\d{4})"
          + "|(?<present>present|current|currently|now|today|ongoing|heute|aktuell|jetzt|aujourd'hui|aujourd’hui"
          + "|présent|actuel|presente|actualidad|actual|oggi|attuale|heden|現在|至今|现在|今|σήμερα|сейчас"
          + "|настоящее время|н\\.\\s?в\\.)"
          + ")(?![\\p{L}\\d])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern BETWEEN = Pattern.compile(
      "\\s{0,3}(?:[-–—−‒―~〜～]{1,2}|to|until|till|bis|à|au|a|al|hasta|до|έως|–\\s?to)\\s{0,3}",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  static {
    String[][] names = {
        {"jan", "january", "januar", "janvier", "janv", "enero", "ene", "gennaio", "jänner", "ιαν"},
        {"feb", "february", "februar", "février", "fevrier", "févr", "fev", "febrero", "febbraio"},
        {"mar", "march", "märz", "maerz", "mrz", "mär", "mars", "marzo"},
        {"apr", "april", "avril", "avr", "abril", "abr", "aprile"},
        {"may", "mai", "mayo", "maggio"},
        {"jun", "june", "juni", "juin", "junio", "giugno"},
        {"jul", "july", "juli", "juillet", "juil", "julio", "luglio"},
        {"aug", "august", "août", "aout", "agosto", "ago"},
        {"sep", "sept", "september", "septembre", "septiembre", "setiembre", "settembre", "set"},
        {"oct", "october", "oktober", "okt", "octobre", "octubre", "ottobre", "ott"},
        {"nov", "november", "novembre", "noviembre"},
        {"dec", "december", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre"}};
    for (int m = 0; m < names.length; m++) {
      for (String n : names[m]) {
        MONTHS.put(n, m + 1);
      }
    }
  }

  private Dates() {
  }

  /**
   * A date range or single date found in a line.
   *
   * @param start   the first date ({@code YYYY-MM} or {@code YYYY}), or null
   * @param end     the end date, or null (ongoing, or a single date)
   * @param ongoing the range ends in "Present" or the like
   * @param single  only one date was written (it is in {@code start})
   * @param from    where the dates start in the line
   * @param to      where they end
   */
  record Range(String start, String end, boolean ongoing, boolean single, int from, int to) {
    /** The line without the dates, its separators trimmed. */
    String rest(String line) {
      return Text.trimSeparators(Text.clean(line.substring(0, from) + " " + line.substring(to)));
    }
  }

  private record Token(String date, boolean present, int from, int to) {
  }

  /** The first range in the line ("A – B"), else its first single date; null when the line has no date. */
  static Range find(String line) {
    if (line == null || line.length() > MAX_LINE) {
      return null;
    }
    List<Token> tokens = tokens(line);
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token a = tokens.get(i);
      Token b = tokens.get(i + 1);
      if (a.date != null && BETWEEN.matcher(line.substring(a.to, b.from)).matches()) {
        return b.present ? new Range(a.date, null, true, false, a.from, b.to)
            : new Range(a.date, b.date, false, false, a.from, b.to);
      }
    }
    for (Token t : tokens) {
      if (t.date != null) {
        return new Range(t.date, null, false, true, t.from, t.to);
      }
    }
    return null;
  }

  /** One date ("Feb 2020", "2020-02", "02/2020", "2020") as {@code YYYY-MM} or {@code YYYY}; null otherwise. */
  static String date(String text) {
    List<Token> tokens = tokens(text.trim());
    return tokens.size() == 1 && tokens.get(0).date != null && tokens.get(0).from == 0
        && tokens.get(0).to == text.trim().length() ? tokens.get(0).date : null;
  }

  private static List<Token> tokens(String line) {
    List<Token> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(line);
    int at = 0;
    while (at < line.length() && m.find(at)) {
      Token t = token(m);
      if (t == null && m.group("mon") != null) {
        at = m.start("my"); // "since 2020": not a month name; read the year on its own
        continue;
      }
      if (t != null) {
        out.add(t);
      }
      at = m.end();
    }
    return out;
  }

  private static Token token(Matcher m) {
    if (m.group("present") != null) {
      return new Token(null, true, m.start(), m.end());
    }
    if (m.group("mon") != null) {
      Integer month = MONTHS.get(m.group("mon").toLowerCase(Locale.ROOT));
      return month == null ? null : ym(m.group("my"), month, m);
    }
    if (m.group("y1") != null) {
      return ym(m.group("y1"), Integer.parseInt(m.group("m1")), m);
    }
    if (m.group("y2") != null) {
      return ym(m.group("y2"), Integer.parseInt(m.group("m2")), m);
    }
    if (m.group("y4") != null) {
      return ym(m.group("y4"), Integer.parseInt(m.group("m4")), m);
    }
    int year = Integer.parseInt(m.group("y3"));
    return year >= 1950 && year <= 2100 ? new Token(m.group("y3"), false, m.start(), m.end()) : null;
  }

  private static Token ym(String y, int month, Matcher m) {
    int year = Integer.parseInt(y);
    if (year < 1950 || year > 2100 || month < 1 || month > 12) {
      return null;
    }
    return new Token(String.format("%04d-%02d", year, month), false, m.start(), m.end());
  }
}
