package io.applyflow.platform.fonts;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The font chain of every rendered document: free fonts, loaded once per JVM, embedded as subsets.
 *
 * <ul>
 *   <li><b>DejaVu Sans</b> (regular, bold; Bitstream Vera licence): Latin with its diacritics, Greek, Cyrillic,
 *       Hebrew and Arabic (with the Arabic presentation forms the shaper produces);</li>
 *   <li><b>Noto Sans Devanagari</b> (regular, bold; SIL OFL 1.1);</li>
 *   <li><b>Noto Sans</b> Thai, Bengali, Tamil, Telugu, Gujarati, Gurmukhi, Kannada, Malayalam, Sinhala, Georgian,
 *       Armenian, Ethiopic, Khmer, Myanmar and Lao (regular; SIL OFL 1.1): names and places in the other scripts of
 *       large job markets; bold text in them is drawn regular;</li>
 *   <li><b>Droid Sans Fallback</b> (regular; Apache 2.0): Chinese and Japanese (kana and kanji);</li>
 *   <li><b>NanumGothic</b> (regular; SIL OFL 1.1): Korean Hangul.</li>
 * </ul>
 * The licences are next to the files in {@code src/main/resources/fonts}. {@link #CSS_FAMILIES} is the CSS side of
 * the chain ({@code templates/render/fonts.html}): openhtmltopdf takes each character from the first family that has
 * it.
 *
 * <p><b>No glyph substitution.</b> PDFBox 3 applies a font's OpenType {@code GSUB} table when it draws text: for Latin
 * it forms the ligatures ff, fi, fl, ffi, and an extractor then reads U+FB00–FB06 where the source had two or three
 * letters ("Staﬀ"); for Devanagari it forms conjuncts that have no Unicode at all and moves the short-i sign in front
 * of its consonant, so the text comes back garbled (the other Indic scripts, Khmer and Myanmar have the same kind of
 * shaping). Every font is therefore loaded with its {@code GSUB} table removed (an embedded subset never carries that
 * table anyway): each glyph drawn is one character of the source, in source order, and the text layer is the source
 * text. The price is typographic: Devanagari (like the other Indic scripts, Khmer and Myanmar) shows its consonant
 * clusters with a visible virama and its pre-base vowel signs after their consonant. Arabic is shaped before it reaches
 * the font (see {@link IcuBidi}), into presentation-form characters whose text layer {@link TextLayer} maps back to the
 * letters.
 *
 * <p>Thread-safe: the font bytes and cmaps are immutable after class initialisation, and each thread parses its own
 * copy of a font the first time it draws with it.
 */
public final class Fonts {

  /** One font of the chain: a CSS family, weight, the file's bytes (without GSUB) and its character map. */
  private record Face(String family, int weight, byte[] bytes, CmapLookup cmap) {
  }

  private static final List<Face> FACES = List.of(
      face("DejaVu Sans", 400, "DejaVuSans.ttf"),
      face("DejaVu Sans", 700, "DejaVuSans-Bold.ttf"),
      face("Noto Sans Devanagari", 400, "NotoSansDevanagari-Regular.ttf"),
      face("Noto Sans Devanagari", 700, "NotoSansDevanagari-Bold.ttf"),
      face("Noto Sans Thai", 400, "NotoSansThai-Regular.ttf"),
      face("Noto Sans Bengali", 400, "NotoSansBengali-Regular.ttf"),
      face("Noto Sans Tamil", 400, "NotoSansTamil-Regular.ttf"),
      face("Noto Sans Telugu", 400, "NotoSansTelugu-Regular.ttf"),
      face("Noto Sans Gujarati", 400, "NotoSansGujarati-Regular.ttf"),
      face("Noto Sans Gurmukhi", 400, "NotoSansGurmukhi-Regular.ttf"),
      face("Noto Sans Kannada", 400, "NotoSansKannada-Regular.ttf"),
      face("Noto Sans Malayalam", 400, "NotoSansMalayalam-Regular.ttf"),
      face("Noto Sans Sinhala", 400, "NotoSansSinhala-Regular.ttf"),
      face("Noto Sans Georgian", 400, "NotoSansGeorgian-Regular.ttf"),
      face("Noto Sans Armenian", 400, "NotoSansArmenian-Regular.ttf"),
      face("Noto Sans Ethiopic", 400, "NotoSansEthiopic-Regular.ttf"),
      face("Noto Sans Khmer", 400, "NotoSansKhmer-Regular.ttf"),
      face("Noto Sans Myanmar", 400, "NotoSansMyanmar-Regular.ttf"),
      face("Noto Sans Lao", 400, "NotoSansLao-Regular.ttf"),
      face("Droid Sans Fallback", 400, "DroidSansFallbackFull.ttf"),
      face("NanumGothic", 400, "NanumGothic.ttf"));

  /** The chain as a CSS {@code font-family} value, in fallback order ({@code templates/render/fonts.html}). */
  public static final String CSS_FAMILIES = String.join(", ",
      FACES.stream().map(f -> "'" + f.family() + "'").distinct().toList());

  private Fonts() {
  }

  /**
   * Each render thread's parsed fonts. A TrueType font is parsed once per thread, not once per document (parsing
   * took about a tenth of a render); a parsed font reads its glyphs lazily from its buffer, so one must not be
   * shared between threads.
   */
  private static final ThreadLocal<Map<Face, TrueTypeFont>> PARSED = ThreadLocal.withInitial(HashMap::new);

  /**
   * Registers every font of the chain with an openhtmltopdf builder that writes into {@code doc}, as subsets. A font
   * is loaded into the document only when the layout first needs one of its glyphs.
   */
  public static void register(PdfRendererBuilder b, PDDocument doc) {
    for (Face f : FACES) {
      b.useFont(new Lazy(doc, f), f.family(), f.weight(), FontStyle.NORMAL, true);
    }
  }

  /** Loads a face into a document from this thread's parsed copy, when openhtmltopdf first asks for it. */
  private static final class Lazy extends PDFontSupplier {
    private final PDDocument doc;
    private final Face face;

    Lazy(PDDocument doc, Face face) {
      super(null);
      this.doc = doc;
      this.face = face;
    }

    @Override
    public PDFont supply() {
      try {
        TrueTypeFont ttf = PARSED.get().computeIfAbsent(face, Fonts::parse);
        return PDType0Font.load(doc, ttf, true);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the font " + face.family(), e);
      }
    }
  }

  private static TrueTypeFont parse(Face f) {
    try {
      return new TTFParser().parse(new RandomAccessReadBuffer(f.bytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the font " + f.family(), e);
    }
  }

  /**
   * Whether some font of the chain has a glyph for the code point. Characters that are never drawn (line breaks,
   * tabs, other controls, format characters such as the zero-width joiner or a soft hyphen) count as covered.
   */
  public static boolean covers(int codePoint) {
    int type = Character.getType(codePoint);
    if (type == Character.CONTROL || type == Character.FORMAT || Character.isWhitespace(codePoint)) {
      return true;
    }
    for (Face f : FACES) {
      if (f.cmap().getGlyphId(codePoint) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first character of {@code text} that no font of the chain can draw, as "U+12000 '𒀀' (CUNEIFORM SIGN A)";
   * null when every character can be drawn.
   */
  public static String firstUncovered(String text) {
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (!covers(cp)) {
        String name = Character.getName(cp);
        return String.format(Locale.ROOT, "U+%04X '%s'%s", cp, new String(Character.toChars(cp)),
            name == null ? "" : " (" + name + ")");
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  private static Face face(String family, int weight, String file) {
    byte[] bytes = withoutTable(resource("fonts/" + file), "GSUB");
    try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes))) {
      CmapLookup cmap = ttf.getUnicodeCmapLookup();
      return new Face(family, weight, bytes, cmap);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the font " + file, e);
    }
  }

  /**
   * A copy of an OpenType/TrueType font file without one table: the table directory is rewritten and the other
   * tables are copied, 4-byte aligned, with their checksums as they were (the file's own checksum adjustment is
   * not recomputed: PDF readers and PDFBox's subsetter do not check it).
   */
  static byte[] withoutTable(byte[] font, String tag) {
    ByteBuffer in = ByteBuffer.wrap(font);
    int version = in.getInt(0);
    int n = Short.toUnsignedInt(in.getShort(4));
    List<int[]> kept = new ArrayList<>(); // {tag, checksum, offset, length}
    for (int i = 0; i < n; i++) {
      int at = 12 + 16 * i;
      int t = in.getInt(at);
      if (!tagName(t).equals(tag)) {
        kept.add(new int[] {t, in.getInt(at + 4), in.getInt(at + 8), in.getInt(at + 12)});
      }
    }
    if (kept.size() == n) {
      return font;
    }
    int m = kept.size();
    int headerSize = 12 + 16 * m;
    int size = headerSize;
    for (int[] k : kept) {
      size += (k[3] + 3) & ~3;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    int power = Integer.highestOneBit(m);
    out.putInt(version).putShort((short) m).putShort((short) (power * 16))
        .putShort((short) Integer.numberOfTrailingZeros(power)).putShort((short) (m * 16 - power * 16));
    int offset = headerSize;
    for (int[] k : kept) {
      out.putInt(k[0]).putInt(k[1]).putInt(offset).putInt(k[3]);
      offset += (k[3] + 3) & ~3;
    }
    for (int[] k : kept) {
      out.put(font, k[2], k[3]);
      out.position((out.position() + 3) & ~3);
    }
    return out.array();
  }

  private static String tagName(int tag) {
    return new String(new char[] {(char) (tag >>> 24), (char) ((tag >>> 16) & 0xFF), (char) ((tag >>> 8) & 0xFF),
        (char) (tag & 0xFF)});
  }

  private static byte[] resource(String path) {
    try (InputStream in = Fonts.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
