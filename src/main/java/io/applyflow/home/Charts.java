package io.applyflow.home;

import java.util.List;

/**
 * The dashboard's two charts as server-side SVG markup: the funnel (horizontal bars, one row per stage) and
 * applications per week (columns). Pure: text in, markup out. Every text is XML-escaped, bars are proportional to
 * the largest value (a zero value is a zero-width bar, all zeros draw no bar at all), and the picture carries
 * {@code role="img"} with its {@code <title>} and {@code <desc>} (the data in words) named by
 * {@code aria-labelledby}. No style attribute (the CSP refuses them): colours come from the classes in app.css
 * ({@code chart}, {@code bar}, {@code label}, {@code value}, {@code axis}). The page puts a visually-hidden table of
 * the same numbers next to each chart for screen readers.
 */
public final class Charts {
  /** The width of both pictures in SVG units; the page scales them (a 390 px phone shows them at about 1:1). */
  static final int WIDTH = 360;
  private static final int ROW = 28;
  private static final int LABEL_W = 84;
  private static final int VALUE_W = 40;
  private static final int COL_H = 120;
  private static final int AXIS_H = 20;
  private static final int TOP = 16;

  private Charts() {
  }

  /** One bar: its label (a stage, a week) and its value. */
  public record Bar(String label, long value) {
    public Bar {
      if (value < 0) {
        throw new IllegalArgumentException("a bar's value must not be negative: " + value);
      }
      label = label == null ? "" : label;
    }
  }

  /**
   * The funnel as horizontal bars, in the given order.
   *
   * @param id an id unique on the page, prefix of the title's and description's ids
   */
  public static String funnel(String id, String title, List<Bar> bars) {
    long max = max(bars);
    int barArea = WIDTH - LABEL_W - VALUE_W;
    int height = Math.max(ROW, bars.size() * ROW);
    StringBuilder sb = open(id, title, describe(bars, max), height, "chart funnel");
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = i * ROW;
      int w = scaled(b.value(), max, barArea);
      sb.append("<g class=\"row\" data-label=\"").append(escape(b.label())).append("\" data-value=\"")
          .append(b.value()).append("\">");
      sb.append("<text class=\"label\" x=\"0\" y=\"").append(y + 18).append("\">").append(escape(b.label()))
          .append("</text>");
      if (w > 0) {
        sb.append("<rect class=\"bar bar-").append(i).append("\" x=\"").append(LABEL_W).append("\" y=\"")
            .append(y + 4).append("\" width=\"").append(w).append("\" height=\"").append(ROW - 8).append("\"/>");
      }
      sb.append("<text class=\"value\" x=\"").append(LABEL_W + w + 4).append("\" y=\"").append(y + 18).append("\">")
          .append(b.value()).append("</text>");
      sb.append("</g>");
    }
    return sb.append("</svg>").toString();
  }

  /**
   * Columns, one per bar, left to right, with the value above each column and every other label below (twelve
   * labels do not fit side by side on a phone).
   */
  public static String columns(String id, String title, List<Bar> bars) {
    long max = max(bars);
    int n = Math.max(1, bars.size());
    int pad = 18; // room for the first and last labels, centred under their columns
    int slot = (WIDTH - 2 * pad) / n;
    int colW = Math.max(4, slot - 6);
    int height = TOP + COL_H + AXIS_H;
    StringBuilder sb = open(id, title, describe(bars, max), height, "chart columns");
    sb.append("<line class=\"axis\" x1=\"0\" y1=\"").append(TOP + COL_H).append("\" x2=\"").append(WIDTH)
        .append("\" y2=\"").append(TOP + COL_H).append("\"/>");
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int h = scaled(b.value(), max, COL_H);
      int x = pad + i * slot + (slot - colW) / 2;
      int mid = pad + i * slot + slot / 2;
      sb.append("<g class=\"col\" data-label=\"").append(escape(b.label())).append("\" data-value=\"")
          .append(b.value()).append("\">");
      if (h > 0) {
        sb.append("<rect class=\"bar\" x=\"").append(x).append("\" y=\"").append(TOP + COL_H - h)
            .append("\" width=\"").append(colW).append("\" height=\"").append(h).append("\"/>");
      }
      if (b.value() > 0) {
        sb.append("<text class=\"value\" text-anchor=\"middle\" x=\"").append(mid).append("\" y=\"")
            .append(TOP + COL_H - h - 3).append("\">").append(b.value()).append("</text>");
      }
      if (i % 2 == (bars.size() - 1) % 2) { // the newest column always has its label
        sb.append("<text class=\"label\" text-anchor=\"middle\" x=\"").append(mid).append("\" y=\"")
            .append(TOP + COL_H + 14).append("\">").append(escape(b.label())).append("</text>");
      }
      sb.append("</g>");
    }
    return sb.append("</svg>").toString();
  }

  /** The bar length for {@code value} out of {@code max} in {@code room} units: proportional, 0 for 0. */
  static int scaled(long value, long max, int room) {
    if (value <= 0 || max <= 0) {
      return 0;
    }
    return (int) Math.max(1, Math.round((double) room * value / max));
  }

  /** The data in words, for the picture's {@code <desc>}. */
  static String describe(List<Bar> bars, long max) {
    if (bars.isEmpty() || max == 0) {
      return "No data yet: every value is 0.";
    }
    StringBuilder sb = new StringBuilder();
    for (Bar b : bars) {
      if (!sb.isEmpty()) {
        sb.append("; ");
      }
      sb.append(b.label()).append(": ").append(b.value());
    }
    return sb.append('.').toString();
  }

  /** Text safe inside an XML element or a double-quoted attribute. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          // characters XML 1.0 does not allow are dropped, so the markup always parses
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            if (!(c == 0xFFFE || c == 0xFFFF)) {
              sb.append(c);
            }
          }
        }
      }
    }
    return sb.toString();
  }

  private static StringBuilder open(String id, String title, String desc, int height, String cls) {
    String safeId = id.replaceAll("[^A-Za-z0-9_-]", "");
    return new StringBuilder(1024).append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(cls)
        .append("\" id=\"").append(safeId).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" role=\"img\" aria-labelledby=\"").append(safeId).append("-title ").append(safeId)
        .append("-desc\" focusable=\"false\"><title id=\"").append(safeId).append("-title\">").append(escape(title))
        .append("</title><desc id=\"").append(safeId).append("-desc\">").append(escape(desc)).append("</desc>");
  }

  private static long max(List<Bar> bars) {
    return bars.stream().mapToLong(Bar::value).max().orElse(0);
  }
}
