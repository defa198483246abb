package io.applyflow.resumeimport;

import io.applyflow.platform.bus.Failure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The text lines of a PDF with PDFBox, in content order, each with its font size, boldness, the gap to the line
 * above and whether it runs to the right edge (the facts {@link DraftParser} needs to find headings and to join a
 * wrapped bullet). Blocking and CPU-bound: call it from a worker.
 */
final class PdfText {
  /** At most this many pages are read (a resume has one to three). */
  static final int MAX_PAGES = 20;

  private PdfText() {
  }

  static List<Line> lines(byte[] pdf) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      if (doc.isEncrypted() && !doc.getCurrentAccessPermission().canExtractContent()) {
        throw Failure.BAD_INPUT.with("the PDF is protected against copying its text, so it cannot be read: save an"
            + " unprotected copy and upload that");
      }
      Collector c = new Collector();
      c.setEndPage(MAX_PAGES);
      c.getText(doc);
      return c.finish();
    } catch (InvalidPasswordException e) {
      throw Failure.BAD_INPUT.with("the PDF is encrypted with a password, so it cannot be read: save an unprotected"
          + " copy and upload that");
    } catch (IOException e) {
      throw Failure.BAD_INPUT.with("the PDF is damaged and cannot be read: " + e.getMessage());
    } catch (Failure.Coded e) {
      throw e;
    } catch (RuntimeException e) { // PDFBox on a malformed file: a cast or an index past the end
      throw Failure.BAD_INPUT.with("the PDF is damaged and cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** One raw line while the page is read. */
  private record Raw(String text, float size, boolean bold, int page, float y, float left, float right) {
  }

  private static final class Collector extends PDFTextStripper {
    private final List<Raw> raws = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private float maxSize;
    private int chars;
    private int boldChars;
    private float y = Float.NaN;
    private float left = Float.MAX_VALUE;
    private float right;
    private final Map<PDFont, Boolean> boldFonts = new HashMap<>();

    Collector() throws IOException {
    }

    /** Text drawn filled and stroked: how openhtmltopdf (and others) embolden a font without a bold face. */
    private final java.util.Set<TextPosition> stroked = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    @Override
    protected void processTextPosition(TextPosition text) {
      org.apache.pdfbox.pdmodel.graphics.state.RenderingMode mode =
          getGraphicsState().getTextState().getRenderingMode();
      if (mode == org.apache.pdfbox.pdmodel.graphics.state.RenderingMode.FILL_STROKE) {
        stroked.add(text);
      }
      super.processTextPosition(text);
    }

    @Override
    protected void writeString(String s, List<TextPosition> positions) throws IOException {
      text.append(s);
      for (TextPosition p : positions) {
        if (p.getUnicode() == null || p.getUnicode().isBlank()) {
          continue;
        }
        chars++;
        maxSize = Math.max(maxSize, p.getFontSizeInPt() > 0 ? p.getFontSizeInPt() : p.getHeightDir());
        if (isBold(p.getFont()) || stroked.contains(p)) {
          boldChars++;
        }
        if (Float.isNaN(y)) {
          y = p.getYDirAdj();
        }
        left = Math.min(left, p.getXDirAdj());
        right = Math.max(right, p.getXDirAdj() + p.getWidthDirAdj());
      }
    }

    @Override
    protected void writeWordSeparator() throws IOException {
      text.append(' ');
    }

    @Override
    protected void writeLineSeparator() throws IOException {
      flush();
    }

    @Override
    protected void endPage(org.apache.pdfbox.pdmodel.PDPage page) throws IOException {
      flush();
      super.endPage(page);
    }

    private void flush() {
      String t = Text.clean(text.toString());
      if (!t.isEmpty() && chars > 0) {
        raws.add(new Raw(t, maxSize, boldChars * 2 > chars, getCurrentPageNo(), y, left, right));
      }
      text.setLength(0);
      stroked.clear();
      maxSize = 0;
      chars = 0;
      boldChars = 0;
      y = Float.NaN;
      left = Float.MAX_VALUE;
      right = 0;
    }

    private boolean isBold(PDFont font) {
      if (font == null) {
        return false;
      }
      return boldFonts.computeIfAbsent(font, f -> {
        String name = f.getName() == null ? "" : f.getName().toLowerCase(Locale.ROOT);
        if (name.contains("bold") || name.contains("black") || name.contains("heavy") || name.contains("semibold")
            || name.contains("demi")) {
          return true;
        }
        PDFontDescriptor d = f.getFontDescriptor();
        return d != null && (d.isForceBold() || d.getFontWeight() >= 600);
      });
    }

    /** The lines with their gaps and whether they fill the measure. */
    List<Line> finish() {
      flush();
      Map<Integer, float[]> pageEdges = new HashMap<>(); // page -> {min left, max right}
      for (Raw r : raws) {
        float[] e = pageEdges.computeIfAbsent(r.page, k -> new float[] {Float.MAX_VALUE, 0});
        e[0] = Math.min(e[0], r.left);
        e[1] = Math.max(e[1], r.right);
      }
      List<Line> out = new ArrayList<>();
      Raw prev = null;
      for (Raw r : raws) {
        float[] e = pageEdges.get(r.page);
        boolean full = r.right >= e[1] - 0.12f * (e[1] - e[0]);
        float gap = prev != null && prev.page == r.page ? r.y - prev.y : 0;
        String t = r.text;
        boolean bullet = false;
        String unmarked = Bullets.strip(t);
        if (unmarked != null) {
          t = unmarked;
          bullet = true;
        }
        out.add(new Line(t, r.size, r.bold, false, -1, bullet, r.page, gap, full));
        prev = r;
      }
      return out;
    }
  }
}
