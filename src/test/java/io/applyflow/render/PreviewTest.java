package io.applyflow.render;

import io.applyflow.job.JobBus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.tailor.TailoredResume;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/** The page-1 thumbnail: a real PNG of the real PDF, of the promised width, showing the document's text. */
class PreviewTest {
  private static final ResumePdf PDF = new ResumePdf();

  @Test
  void aResumesFirstPageBecomesAPngOfThePromisedWidthWithTheNameOnIt() throws IOException {
    TailoredResume r = ResumePdfTest.tailored("senior-engineer");
    byte[] png = Preview.png(PDF.render(r));

    assertTrue(Preview.isPng(png), "starts with the PNG signature");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(Preview.PIXEL_WIDTH, image.getWidth());
    // US Letter, 8.5 x 11 in: the height follows the paper
    assertEquals(Math.round(Preview.PIXEL_WIDTH * 11 / 8.5), image.getHeight());
    assertArrayEquals(new int[] {image.getWidth(), image.getHeight()}, Preview.size(png), "the header's size");

    // the name is the first line, in large bold type: the top tenth of the page holds dark pixels
    int top = dark(image, 0, image.getHeight() / 10);
    assertTrue(top > 500, "dark pixels where the name is: " + top);
    // and the page is a page of text, not a black or grey square
    int all = dark(image, 0, image.getHeight());
    assertTrue(all < image.getWidth() * image.getHeight() / 5, "mostly white: " + all + " dark pixels");
    assertTrue(GraphicsEnvironment.isHeadless(), "Java2D runs without a display");
  }

  @Test
  void aCoverLetterHasAPreviewToo() throws IOException {
    byte[] pdf = PDF.renderLetter("Richard Hendriks", "richard@example.com",
        List.of("Dear hiring team,", "I build compression systems.", "Kind regards, Richard Hendriks"));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Preview.png(pdf)));
    assertEquals(Preview.PIXEL_WIDTH, image.getWidth());
    assertTrue(dark(image, 0, image.getHeight() / 10) > 200, "the header with the name is drawn");
  }

  @Test
  void bytesThatAreNotAPdfAreRefusedWithAnException() {
    assertThrows(UncheckedIOException.class, () -> Preview.png("hello".getBytes(StandardCharsets.UTF_8)));
    assertNull(Preview.size("hello, this is not a PNG file".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aPreviewThatCannotBeMadeIsANoteNeverAFailure() throws IOException {
    byte[] resume = PDF.render(ResumePdfTest.tailored("sample"));
    // a PDF that passes its check (here: any) but has no page to draw
    ByteArrayOutputStream pageless = new ByteArrayOutputStream();
    try (PDDocument empty = new PDDocument()) {
      empty.save(pageless);
    }
    List<String> noPreview = new ArrayList<>();
    JobBus.JobCommand cmd = new JobBus.JobCommand(1, 1);
    RenderVerticle.Checked r = RenderVerticle.check(cmd, resume, doc -> List.of(), "resume", noPreview);
    RenderVerticle.Checked letter = RenderVerticle.check(cmd, pageless.toByteArray(), doc -> List.of(), "cover letter",
        noPreview);
    assertTrue(Preview.isPng(r.png()), "the resume's preview is made");
    assertNull(letter.png(), "the letter's is left out");
    assertTrue(letter.passed(), "and the letter itself is still good");
    assertEquals("; no preview of the cover letter (the PDF is unaffected)", RenderVerticle.previewNote(noPreview));
    assertEquals("", RenderVerticle.previewNote(List.of()), "no letter, no note");
  }

  /** Pixels darker than mid-grey in rows [from, to). */
  private static int dark(BufferedImage image, int from, int to) {
    int n = 0;
    for (int y = from; y < to; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int grey = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
        n += grey < 128 ? 1 : 0;
      }
    }
    return n;
  }
}
