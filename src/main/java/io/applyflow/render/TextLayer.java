package io.applyflow.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.fontbox.cmap.CMap;
import org.apache.fontbox.cmap.CMapParser;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Makes a PDF's text layer say the letters its shaped glyphs stand for. Arabic is drawn with presentation-form
 * characters (U+FB50–FDFF, U+FE70–FEFF: "lam, initial form"), and PDFBox writes those code points into each font's
 * {@code ToUnicode} map, so an extractor would give an ATS presentation forms where the source had plain letters. This
 * rewrites every such entry to the letter it is compatible with (Unicode NFKC: U+FEDF → U+0644). The shaper leaves
 * no two-letter ligatures ({@link IcuBidi}), so each glyph reads as one letter.
 *
 * <p>Only {@code ToUnicode} streams change; the drawing is untouched. Pure and thread-safe; blocking.
 */
final class TextLayer {

  private TextLayer() {
  }

  /** Whether rendering {@code text} can put presentation forms into the text layer (it has Arabic letters). */
  static boolean needsFixing(String text) {
    return IcuBidi.ARABIC.matcher(text).find();
  }

  /**
   * The PDF with every {@code ToUnicode} entry that maps to a presentation form mapped to its letters instead.
   *
   * @throws UncheckedIOException if the bytes are not a readable PDF
   */
  static byte[] fix(byte[] pdf) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      Set<COSDictionary> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      boolean changed = false;
      for (PDPage page : doc.getPages()) {
        PDResources res = page.getResources();
        if (res == null) {
          continue;
        }
        for (COSName name : res.getFontNames()) {
          PDFont font = res.getFont(name);
          if (font != null && seen.add(font.getCOSObject())) {
            changed |= fixFont(font.getCOSObject());
          }
        }
      }
      if (!changed) {
        return pdf;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 1024);
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean fixFont(COSDictionary font) throws IOException {
    if (!(font.getDictionaryObject(COSName.TO_UNICODE) instanceof COSStream stream)) {
      return false;
    }
    CMap cmap;
    try (InputStream in = stream.createInputStream()) {
      cmap = new CMapParser().parse(new RandomAccessReadBuffer(in));
    }
    Map<Integer, String> mappings = new TreeMap<>();
    boolean changed = false;
    for (int code = 0; code <= 0xFFFF; code++) {
      String u = cmap.toUnicode(code, 2);
      if (u == null) {
        continue;
      }
      String letters = letters(u);
      changed |= !letters.equals(u);
      mappings.put(code, letters);
    }
    if (!changed) {
      return false;
    }
    try (OutputStream out = stream.createOutputStream()) {
      out.write(cmapText(mappings).getBytes(StandardCharsets.US_ASCII));
    }
    return true;
  }

  /**
   * The letters a presentation form stands for; any other text as it is. Also used on the source text before it is
   * drawn: a resume pasted from a PDF may hold "ﬁ" (U+FB01), which is printed and read back as "fi".
   */
  static String letters(String u) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < u.length(); ) {
      int cp = u.codePointAt(i);
      i += Character.charCount(cp);
      if (isPresentationForm(cp)) {
        String nfkc = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        out.append(nfkc);
      } else {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /** Latin, Armenian and Hebrew ligatures and presentation forms (U+FB00–FB4F), Arabic ones (U+FB50–FDFF, FE70–FEFE). */
  private static boolean isPresentationForm(int cp) {
    return (cp >= 0xFB00 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFE);
  }

  /** A ToUnicode CMap (Adobe Technical Note #5411) with one {@code bfchar} entry per code, 100 per block. */
  private static String cmapText(Map<Integer, String> mappings) {
    StringBuilder s = new StringBuilder(64 * mappings.size() + 512);
    s.append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
        .append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
        .append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
        .append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    int inBlock = 0;
    int left = mappings.size();
    for (Map.Entry<Integer, String> e : mappings.entrySet()) {
      if (inBlock == 0) {
        s.append(Math.min(100, left)).append(" beginbfchar\n");
      }
      s.append(String.format("<%04X> <", e.getKey()));
      for (char c : e.getValue().toCharArray()) {
        s.append(String.format("%04X", (int) c));
      }
      s.append(">\n");
      left--;
      if (++inBlock == 100 || left == 0) {
        s.append("endbfchar\n");
        inBlock = 0;
      }
    }
    s.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    return s.toString();
  }
}
