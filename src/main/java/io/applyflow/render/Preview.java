package io.applyflow.render;

import io.applyflow.platform.media.Png;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A PNG thumbnail of a PDF's first page, for the job page and the review queue: the user sees the document that is
 * sent before opening it.
 *
 * <p>The image is {@link #PIXEL_WIDTH} pixels wide whatever the paper (Letter or A4) and is shown at
 * {@link #DISPLAY_WIDTH} CSS pixels: twice the pixels of its displayed size, so it stays sharp on a high-density
 * screen. The 2x is cheap: warm, page 1 of a dense two-page resume takes about 24 ms of CPU against 18 ms at 1x on the
 * project's 2-core machine, and makes a PNG of about 90 KB (RenderBench prints it). Grey, not colour: the documents
 * are black text on white, and an 8-bit grey PNG is about 60% of an RGB one and half as long to encode.
 *
 * <p>Threading: CPU-bound (PDFBox rasterises with Java2D), so call it from a worker thread, like the render itself.
 * Java2D draws into an in-memory image here and needs no display; {@code java.awt.headless} is set to true below
 * unless the JVM was started with a value, so a server with {@code DISPLAY} set never tries to open a window system.
 */
public final class Preview {
  /** The thumbnail's width on the page, in CSS pixels. */
  public static final int DISPLAY_WIDTH = 340;
  /** The PNG's width in pixels: 2x the displayed width. */
  public static final int PIXEL_WIDTH = 2 * DISPLAY_WIDTH;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Preview() {
  }

  /**
   * Page 1 of {@code pdf} as a PNG {@link #PIXEL_WIDTH} pixels wide.
   *
   * @throws UncheckedIOException when the bytes are not a PDF PDFBox can read, or the PNG cannot be written
   * @throws IllegalArgumentException when the PDF has no pages
   */
  public static byte[] png(byte[] pdf) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return png(doc);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a preview of the PDF", e);
    }
  }

  /**
   * {@link #png(byte[])} of a PDF already loaded (the render stage reads each PDF once for the gate and the preview).
   *
   * @throws UncheckedIOException when the page cannot be drawn or the PNG cannot be written
   * @throws IllegalArgumentException when the PDF has no pages
   */
  public static byte[] png(PDDocument doc) {
    try {
      if (doc.getNumberOfPages() == 0) {
        throw new IllegalArgumentException("the PDF has no pages");
      }
      PDRectangle box = doc.getPage(0).getCropBox();
      // scale = pixels per PDF point; the width is fixed, the height follows the paper
      float scale = PIXEL_WIDTH / box.getWidth();
      PDFRenderer renderer = new PDFRenderer(doc);
      // the thumbnail needs no subpixel text positioning; the default hints are the slower, nicer ones
      renderer.setSubsamplingAllowed(true);
      BufferedImage image = renderer.renderImage(0, scale, ImageType.GRAY);
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer in this JVM");
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a preview of the PDF", e);
    }
  }

  /** The width and height in pixels a PNG's header declares ({@code IHDR}), or null when the bytes are no PNG. */
  public static int[] size(byte[] png) {
    return Png.size(png);
  }

  /** Whether the bytes start with the PNG signature. */
  public static boolean isPng(byte[] bytes) {
    return Png.isPng(bytes);
  }
}
