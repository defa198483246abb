package io.applyflow.tracker;

import java.util.List;

/**
 * RFC 4180 CSV, safe to open in a spreadsheet: records end with CRLF; a field holding a comma, a double quote, CR
 * or LF is enclosed in double quotes with its quotes doubled; and a field a spreadsheet would read as a formula
 * (starting with {@code = + - @}, TAB or CR) gets a leading apostrophe first (OWASP's CSV-injection advice), so
 * {@code =HYPERLINK(...)} shows as text. Pure; the caller encodes the text as UTF-8.
 */
public final class Csv {
  public static final String CRLF = "\r\n";

  private Csv() {
  }

  /** One record: the fields, each {@link #field escaped}, joined by commas, ending with CRLF. */
  public static String record(List<String> fields) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(field(fields.get(i)));
    }
    return b.append(CRLF).toString();
  }

  /** One field: null is empty; defused against formulas, then quoted when RFC 4180 requires it. */
  public static String field(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String v = value;
    char first = v.charAt(0);
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
      v = "'" + v;
    }
    boolean quote = false;
    for (int i = 0; i < v.length() && !quote; i++) {
      char c = v.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
