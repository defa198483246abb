package io.applyflow.resumeimport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/** Word .docx files written with POI from a JSON Resume, the way people lay out resumes in Word. For tests. */
public final class Docx {
  /** How headings are marked. */
  public enum Layout {
    /** Title, Heading 1 and Heading 2 styles; "Company" then "Position"; numbered list items; "Jan 2020 – Present". */
    HEADING_STYLES,
    /** Bold paragraphs only; "Position | Company"; "• " bullets; "03/2019 – 07/2021" dates. */
    BOLD
  }

  private Docx() {
  }

  public static byte[] of(JsonNode resume, Layout layout) throws IOException {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      JsonNode b = resume.path("basics");
      para(doc, b.path("name").asText(), layout == Layout.HEADING_STYLES ? "Title" : null, true, 20);
      if (b.hasNonNull("label")) {
        para(doc, b.path("label").asText(), null, false, 0);
      }
      List<String> contact = new ArrayList<>();
      contact.add(b.path("email").asText());
      if (b.hasNonNull("phone")) {
        contact.add(b.path("phone").asText());
      }
      JsonNode loc = b.path("location");
      if (loc.hasNonNull("city")) {
        contact.add(loc.path("city").asText() + (loc.hasNonNull("region") ? ", " + loc.path("region").asText() : ""));
      }
      for (JsonNode p : b.path("profiles")) {
        contact.add(p.path("url").asText());
      }
      para(doc, String.join(layout == Layout.BOLD ? " | " : " · ", contact), null, false, 0);
      if (b.hasNonNull("summary")) {
        heading(doc, layout, layout == Layout.BOLD ? "PROFESSIONAL SUMMARY" : "Summary");
        para(doc, b.path("summary").asText(), null, false, 0);
      }
      heading(doc, layout, layout == Layout.BOLD ? "Work Experience" : "Experience");
      for (JsonNode w : resume.path("work")) {
        String dates = dates(w, layout);
        if (layout == Layout.HEADING_STYLES) {
          para(doc, w.path("name").asText(), "Heading2", false, 0);
          para(doc, w.path("position").asText(), null, false, 0);
          para(doc, dates + (w.hasNonNull("location") ? " · " + w.path("location").asText() : ""), null, false, 0);
        } else {
          para(doc, w.path("position").asText() + " | " + w.path("name").asText(), null, true, 0);
          para(doc, (w.hasNonNull("location") ? w.path("location").asText() + ", " : "") + dates, null, false, 0);
        }
        for (JsonNode h : w.path("highlights")) {
          XWPFParagraph p = para(doc, (layout == Layout.BOLD ? "• " : "") + h.asText(), null, false, 0);
          if (layout == Layout.HEADING_STYLES) {
            p.setNumID(BigInteger.ONE);
          }
        }
      }
      heading(doc, layout, "Education");
      for (JsonNode e : resume.path("education")) {
        if (layout == Layout.HEADING_STYLES) {
          para(doc, e.path("institution").asText(), "Heading2", false, 0);
          para(doc, e.path("studyType").asText() + " in " + e.path("area").asText(), null, false, 0);
          para(doc, dates(e, layout), null, false, 0);
        } else {
          para(doc, e.path("institution").asText() + " — " + e.path("studyType").asText() + ", "
              + e.path("area").asText(), null, true, 0);
          para(doc, dates(e, layout), null, false, 0);
        }
      }
      heading(doc, layout, layout == Layout.BOLD ? "TECHNICAL SKILLS" : "Skills");
      for (JsonNode s : resume.path("skills")) {
        List<String> kw = new ArrayList<>();
        s.path("keywords").forEach(k -> kw.add(k.asText()));
        para(doc, s.path("name").asText() + ": " + String.join(", ", kw), null, false, 0);
      }
      doc.write(out);
      return out.toByteArray();
    }
  }

  private static void heading(XWPFDocument doc, Layout layout, String text) {
    para(doc, text, layout == Layout.HEADING_STYLES ? "Heading1" : null, layout == Layout.BOLD, 14);
  }

  private static XWPFParagraph para(XWPFDocument doc, String text, String style, boolean bold, int size) {
    XWPFParagraph p = doc.createParagraph();
    if (style != null) {
      p.setStyle(style);
    }
    XWPFRun r = p.createRun();
    r.setText(text);
    r.setBold(bold);
    if (size > 0) {
      r.setFontSize(size);
    }
    return p;
  }

  private static String dates(JsonNode entry, Layout layout) {
    String start = date(entry.path("startDate").asText(null), layout);
    String end = entry.hasNonNull("endDate") ? date(entry.path("endDate").asText(), layout) : "Present";
    return start + (layout == Layout.BOLD ? " – " : " to ") + end;
  }

  private static String date(String iso, Layout layout) {
    int year = Integer.parseInt(iso.substring(0, 4));
    int month = Integer.parseInt(iso.substring(5, 7));
    return layout == Layout.BOLD ? String.format("%02d/%d", month, year)
        : Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + year;
  }
}
