package io.applyflow.render;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.BidiRun;
import com.openhtmltopdf.bidi.BidiReorderer;
import com.openhtmltopdf.bidi.BidiSplitter;
import com.openhtmltopdf.bidi.BidiSplitterFactory;
import com.openhtmltopdf.bidi.BidiTextRun;
import java.text.Normalizer;
import org.jsoup.nodes.Element;
import java.util.regex.Pattern;

/**
 * Right-to-left text for openhtmltopdf, with ICU: the Unicode bidirectional algorithm (UAX #9) splits each
 * paragraph into visual runs, a right-to-left run is drawn reversed (with mirrored brackets), and Arabic is shaped
 * into its contextual forms first (initial, medial, final, isolated and the lam-alef ligature), since PDFBox does
 * not shape Arabic itself. The text layer keeps the logical order a reader expects: PDF text extractors put a
 * right-to-left run back into logical order, and {@link TextLayer} maps the shaped forms back to their letters.
 *
 * <p>A new splitter per paragraph; the reorderer is stateless and thread-safe.
 */
final class IcuBidi implements BidiSplitter {

  /** Creates a splitter per use, as openhtmltopdf asks. */
  static final BidiSplitterFactory SPLITTERS = IcuBidi::new;
  /** Reverses right-to-left runs and shapes Arabic. */
  static final BidiReorderer REORDERER = new Reorderer();

  /** Arabic letters of the basic and supplementary blocks: text without them needs no shaping. */
  static final Pattern ARABIC = Pattern.compile("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]");

  private final Bidi bidi = new Bidi();

  /**
   * Starts every paragraph, heading and list item whose text begins with Hebrew or Arabic with a LEFT-TO-RIGHT MARK
   * (U+200E, invisible). The documents are left-to-right, but PDFBox (and the ATS parsers built on it, such as
   * Apache Tika) guesses each line's direction from its first strong character as drawn: a line "תל אביב · Jan 2014"
   * would be read as a right-to-left line and come back as "Jan 2014 · תל אביב". The mark makes the guess right; the
   * parse-back gate, like any reader, ignores it.
   */
  static void markLeftToRightLines(Element body) {
    for (Element e : body.select("h1, h2, h3, h4, h5, h6, p, li")) {
      if (Bidi.getBaseDirection(e.text()) != Bidi.RTL) {
        continue;
      }
      e.stream().flatMap(d -> d.textNodes().stream()).filter(t -> !t.isBlank()).findFirst()
          .ifPresent(t -> t.text("\u200E" + t.getWholeText()));
    }
  }

  @Override
  public void setParagraph(String paragraph, byte defaultDirection) {
    byte level = switch (defaultDirection) {
      case RTL -> Bidi.RTL;
      case LTR -> Bidi.LTR;
      default -> Bidi.LEVEL_DEFAULT_LTR;
    };
    bidi.setPara(paragraph, level, null);
  }

  @Override
  public int countTextRuns() {
    return bidi.countRuns();
  }

  @Override
  public BidiTextRun getVisualRun(int runIndex) {
    BidiRun run = bidi.getVisualRun(runIndex);
    return new BidiTextRun(run.getStart(), run.getLength(), run.isOddRun() ? RTL : LTR);
  }

  @Override
  public byte getBaseDirection(String paragraph) {
    byte d = Bidi.getBaseDirection(paragraph);
    return d == Bidi.RTL ? RTL : d == Bidi.LTR ? LTR : NEUTRAL;
  }

  private static final class Reorderer implements BidiReorderer {
    private static final ArabicShaping SHAPE = new ArabicShaping(
        ArabicShaping.LETTERS_SHAPE | ArabicShaping.LENGTH_GROW_SHRINK | ArabicShaping.TEXT_DIRECTION_LOGICAL);
    private static final ArabicShaping UNSHAPE = new ArabicShaping(
        ArabicShaping.LETTERS_UNSHAPE | ArabicShaping.LENGTH_GROW_SHRINK | ArabicShaping.TEXT_DIRECTION_LOGICAL);

    @Override
    public String reorderRTLTextToLTR(String text) {
      return Bidi.writeReverse(text, Bidi.DO_MIRRORING);
    }

    @Override
    public String shapeText(String text) {
      return ARABIC.matcher(text).find() ? withMarks(withoutLamAlef(shape(SHAPE, text))) : text;
    }

    /**
     * Puts the vowel marks (tashkeel: fatha, shadda, ...) back as combining marks. The shaper turns them into their
     * spacing presentation forms (U+FE70–FE7F), which take up width of their own: the word shows a gap where the
     * mark sits and every extractor reads a space in the middle of the word ("طوّ رت").
     */
    static String withMarks(String shaped) {
      StringBuilder out = null;
      for (int i = 0; i < shaped.length(); i++) {
        char c = shaped.charAt(i);
        boolean mark = c >= '\uFE70' && c <= '\uFE7F' && c != '\uFE75';
        if (mark && out == null) {
          out = new StringBuilder(shaped.length()).append(shaped, 0, i);
        }
        if (out == null) {
          continue;
        }
        if (mark) {
          // U+FE7C is <isolated> space + shadda, U+FE7D <medial> tatweel + shadda: keep the mark alone
          String nfkc = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC);
          out.append(nfkc.charAt(nfkc.length() - 1));
        } else {
          out.append(c);
        }
      }
      return out == null ? shaped : out.toString();
    }

    /**
     * Writes each lam-alef ligature the shaper formed as a joined lam and alef. A ligature glyph stands for two
     * letters, and text extractors disagree on the order in which they read a two-letter glyph inside a right-to-left
     * run (PDFBox keeps the order of the mapping, poppler reverses it), so one of them would always read "ال" for
     * "لا". Two glyphs read right in both; the price is that the two letters are joined rather than ligated.
     */
    static String withoutLamAlef(String shaped) {
      StringBuilder out = null;
      for (int i = 0; i < shaped.length(); i++) {
        char c = shaped.charAt(i);
        if (c < '\uFEF5' || c > '\uFEFC') {
          if (out != null) {
            out.append(c);
          }
          continue;
        }
        if (out == null) {
          out = new StringBuilder(shaped.length() + 8).append(shaped, 0, i);
        }
        boolean joinedBefore = (c - 0xFEF5) % 2 == 1; // the even forms are final: the lam joins the letter before
        char alefFinal = switch ((c - 0xFEF5) / 2) {
          case 0 -> '\uFE82'; // alef with madda above
          case 1 -> '\uFE84'; // alef with hamza above
          case 2 -> '\uFE88'; // alef with hamza below
          default -> '\uFE8E'; // alef
        };
        out.append(joinedBefore ? '\uFEE0' : '\uFEDF').append(alefFinal); // lam medial or initial, then alef final
      }
      return out == null ? shaped : out.toString();
    }

    @Override
    public String deshapeText(String text) {
      return shape(UNSHAPE, text);
    }

    @Override
    public boolean isLiveImplementation() {
      return true;
    }

    private static String shape(ArabicShaping how, String text) {
      try {
        return how.shape(text);
      } catch (ArabicShapingException e) {
        return text; // unshaped letters still read correctly; only their look suffers
      }
    }
  }
}
