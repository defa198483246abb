package io.applyflow.resumeimport;

import io.applyflow.platform.bus.Failure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * The paragraphs of a Word .docx with Apache POI, in document order (tables cell by cell), one {@link Line} per
 * line: with its style's heading level ("Title", "Heading 1", "Heading 2"...), whether every run is bold, the
 * largest font size, and whether it is a list item (numbering, a list style or a bullet sign). A tab becomes " · ".
 * Blocking: call it from a worker.
 */
final class DocxText {
  /** At most this many paragraphs are read. */
  static final int MAX_PARAGRAPHS = 5000;

  private DocxText() {
  }

  static List<Line> lines(byte[] docx) {
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
      List<Line> out = new ArrayList<>();
      for (IBodyElement e : doc.getBodyElements()) {
        element(doc, e, out);
        if (out.size() > MAX_PARAGRAPHS) {
          break;
        }
      }
      return out;
    } catch (IOException | RuntimeException e) {
      if (e instanceof io.applyflow.platform.bus.Failure.Coded c) {
        throw c;
      }
      throw Failure.BAD_INPUT.with("the .docx is damaged and cannot be read: " + e.getMessage());
    }
  }

  private static void element(XWPFDocument doc, IBodyElement e, List<Line> out) {
    if (e instanceof XWPFParagraph p) {
      paragraph(doc, p, out);
    } else if (e instanceof XWPFTable t) {
      for (XWPFTableRow row : t.getRows()) {
        for (XWPFTableCell cell : row.getTableCells()) {
          for (IBodyElement inner : cell.getBodyElements()) {
            element(doc, inner, out);
          }
        }
      }
    }
  }

  private static void paragraph(XWPFDocument doc, XWPFParagraph p, List<Line> out) {
    String raw = p.getText();
    if (raw == null || raw.isBlank()) {
      return;
    }
    String style = styleName(doc, p.getStyle());
    int level = level(style);
    boolean list = p.getNumID() != null || style.contains("list");
    boolean allBold = true;
    boolean anyText = false;
    float size = 0;
    for (XWPFRun r : p.getRuns()) {
      String t = r.text();
      if (t == null || t.isBlank()) {
        continue;
      }
      anyText = true;
      allBold &= r.isBold();
      Double s = r.getFontSizeAsDouble();
      if (s != null) {
        size = Math.max(size, s.floatValue());
      }
    }
    boolean bold = anyText && allBold;
    for (String piece : raw.replace("\t", " · ").split("[\\r\\n\\u000B]+")) {
      String t = Text.clean(piece);
      if (t.isEmpty()) {
        continue;
      }
      boolean bullet = list;
      String unmarked = Bullets.strip(t);
      if (unmarked != null) {
        t = unmarked;
        bullet = true;
      }
      out.add(new Line(t, size, bold, level >= 0, level, bullet, 0, 0, false));
    }
  }

  /** The style's name in lower case ("heading 1", "title", "list paragraph"), or its id, or "". */
  private static String styleName(XWPFDocument doc, String id) {
    if (id == null) {
      return "";
    }
    XWPFStyle s = doc.getStyles() == null ? null : doc.getStyles().getStyle(id);
    String name = s != null && s.getName() != null ? s.getName() : id;
    return name.toLowerCase(Locale.ROOT);
  }

  /** 0 for a title, n for "heading n" (or the id "Heading2"), -1 otherwise. */
  static int level(String style) {
    String s = style.replace(" ", "");
    if (s.equals("title")) {
      return 0;
    }
    if (s.startsWith("heading") || s.startsWith("berschrift") || s.startsWith("überschrift") || s.startsWith("titre")) {
      String digits = s.replaceAll("\\D", "");
      try {
        return digits.isEmpty() ? 1 : Math.max(1, Integer.parseInt(digits));
      } catch (NumberFormatException e) {
        return 1;
      }
    }
    return -1;
  }
}
