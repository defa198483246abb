package io.applyflow.platform.fonts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FontsTest {

  private static byte[] font(String file) throws IOException {
    try (InputStream in = FontsTest.class.getResourceAsStream("/fonts/" + file)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"DejaVuSans.ttf", "NotoSansDevanagari-Regular.ttf", "DroidSansFallbackFull.ttf"})
  void aFontWithoutItsGsubTableIsStillTheSameFont(String file) throws IOException {
    byte[] original = font(file);
    byte[] stripped = Fonts.withoutTable(original, "GSUB");
    try (TrueTypeFont before = new TTFParser().parse(new RandomAccessReadBuffer(original));
        TrueTypeFont after = new TTFParser().parse(new RandomAccessReadBuffer(stripped))) {
      assertTrue(before.getTableMap().containsKey("GSUB"), "the bundled font has glyph substitutions");
      assertFalse(after.getTableMap().containsKey("GSUB"));
      assertEquals(before.getTableMap().size() - 1, after.getTableMap().size());
      assertEquals(before.getNumberOfGlyphs(), after.getNumberOfGlyphs());
      assertEquals(before.getName(), after.getName());
      for (int cp : new int[] {'A', 'f', 0x00E9, 0x0928, 0x682A}) {
        assertEquals(before.getUnicodeCmapLookup().getGlyphId(cp), after.getUnicodeCmapLookup().getGlyphId(cp));
      }
      int gid = after.getUnicodeCmapLookup().getGlyphId(after.getUnicodeCmapLookup().getGlyphId('A') > 0 ? 'A' : 0x0928);
      assertEquals(before.getAdvanceWidth(gid), after.getAdvanceWidth(gid));
      assertNotNull(after.getGlyph().getGlyph(gid), "glyph outlines are still there");
    }
  }

  @Test
  void everyScriptOfTheIssueIsCovered() {
    String[] samples = {"Zoë Ångström, Łódź, São Paulo, Nguyễn Văn Đức", "Αθήνα", "Москва", "株式会社 東京", "北京大学",
        "한국", "تل أبيب جامعة القاهرة", "תל אביב", "भारतीय प्रौद्योगिकी संस्थान", "– — • “ ” ‘ ’ € №",
        // beyond the issue's list: other scripts of large job markets
        "กรุงเทพมหานคร", "ঢাকা বিশ্ববিদ্যালয়", "சென்னை", "హైదరాబాద్", "ગુજરાત", "ਪੰਜਾਬ", "ಬೆಂಗಳೂರು", "കൊച്ചി",
        "කොළඹ", "თბილისი", "Երևան", "አዲስ አበባ", "ភ្នំពេញ", "ရန်ကုန်", "ວຽງຈັນ"};
    for (String s : samples) {
      assertNull(Fonts.firstUncovered(s), s);
    }
  }

  @Test
  void aCharacterNoFontHasIsNamed() {
    assertEquals("U+E000 '\uE000' (PRIVATE USE AREA E000)", Fonts.firstUncovered("Acme \uE000 Corp"));
    assertTrue(Fonts.firstUncovered("Ur \uD808\uDC00").startsWith("U+12000"), "cuneiform");
    assertNull(Fonts.firstUncovered("line\nbreak\tand soft\u00ADhyphen"), "controls and format characters are not drawn");
  }
}
