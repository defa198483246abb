package io.applyflow.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.junit.jupiter.api.Test;

class TextLayerTest {

  private static final ResumePdf PDF = new ResumePdf();

  @Test
  void aPresentationFormReadsAsItsLetters() {
    assertEquals("\u0644", TextLayer.letters("\uFEDF"), "lam, initial form");
    assertEquals("\u0644\u0627", TextLayer.letters("\uFEFB"), "lam-alef, were it drawn");
    String shaped = IcuBidi.REORDERER.shapeText("\u0648\u0644\u0625\u0633"); // "وإس" after lam: lam-alef-hamza
    assertFalse(shaped.chars().anyMatch(c -> c >= 0xFEF5 && c <= 0xFEFC), "never one ligature glyph");
    assertTrue(shaped.contains("\uFEDF\uFE88"), "an initial lam joined to a final alef with hamza below: " + shaped);
    assertEquals("abc \u05E9", TextLayer.letters("abc \u05E9"), "anything else as it is");
  }

  @Test
  void rightToLeftAndShapedTextComesBackInLogicalOrder() {
    List<String> paragraphs = List.of("جامعة القاهرة والإسكندرية", "שלום עולם, תל אביב", "Worked at شركة البيانات العربية.",
        "لا بأس، الآن");
    byte[] pdf = PDF.renderLetter("سارة العلي", "sara@example.com", paragraphs);
    assertEquals(List.of(), ParseBackGate.checkLetter(pdf, "سارة العلي", "sara@example.com", paragraphs));
    String text = ParseBackGate.text(pdf);
    assertTrue(text.contains("جامعة القاهرة والإسكندرية"), text);
    assertTrue(text.contains("שלום עולם, תל אביב"), text);
  }

  @Test
  void latinWordsAreDrawnWithoutLigatures() {
    List<String> paragraphs = List.of("Staff engineer: efficient office workflow, ring buffer, fjord, ffi ffl fi fl ff.");
    byte[] pdf = PDF.renderLetter("Ffion Fflur", null, paragraphs);
    assertEquals(List.of(), ParseBackGate.checkLetter(pdf, "Ffion Fflur", paragraphs));
  }

  @Test
  void ligaturesPastedIntoTheSourceArePrintedAsTheirLetters() {
    // a resume copied out of another PDF: "ﬁ" (U+FB01) and "ﬄ" (U+FB04) in the source text
    List<String> paragraphs = List.of("Certi\uFB01ed on-call engineer; ba\uFB04ed by nothing.");
    byte[] pdf = PDF.renderLetter("Ana Ruiz", null, paragraphs);
    assertEquals(List.of(), ParseBackGate.checkLetter(pdf, "Ana Ruiz", paragraphs));
    assertTrue(ParseBackGate.text(pdf).contains("Certified on-call engineer; baffled by nothing."),
        ParseBackGate.text(pdf));
  }

  @Test
  void theGateFailsAPdfWhoseTextLayerHoldsLigatures() throws Exception {
    // the bundled DejaVu Sans as it ships, with its GSUB table: PDFBox forms ff, fi, fl while drawing
    String html = "<html><head><title>t</title><style>body { font-family: 'Lig'; }</style></head><body>"
        + "<h1>Ffion Staff</h1><p>A buffer in the office.</p></body></html>";
    PdfRendererBuilder b = new PdfRendererBuilder();
    b.useFont(new File("src/main/resources/fonts/DejaVuSans.ttf"), "Lig");
    b.withW3cDocument(new W3CDom().fromJsoup(Jsoup.parse(html)), null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    b.toStream(out);
    b.run();

    List<String> problems = ParseBackGate.checkLetter(out.toByteArray(), "Ffion Staff", List.of("A buffer in the office."));
    assertFalse(problems.isEmpty());
    assertTrue(problems.get(0).contains("U+FB00") || problems.get(0).contains("U+FB01"), problems.toString());
  }
}
