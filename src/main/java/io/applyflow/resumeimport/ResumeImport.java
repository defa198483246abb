package io.applyflow.resumeimport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.applyflow.platform.bus.Failure;
import java.util.List;

/**
 * Reads an uploaded resume (a PDF or a Word .docx, told apart by content: {@link Sniff}) into a draft JSON Resume
 * ({@link DraftParser}) and the text it was read from, for the person to check and correct before anything is
 * stored. Blocking and CPU-bound (PDFBox, POI): call it from a worker.
 */
public final class ResumeImport {
  /** The largest file accepted, in bytes (10 MB). */
  public static final long MAX_BYTES = 10L * 1024 * 1024;

  /**
   * What was read.
   *
   * @param draft the JSON Resume draft: only fields the text gives
   * @param text  the text as read, one line per line (list items start with "• ")
   * @param kind  "pdf" or "docx"
   */
  public record Result(ObjectNode draft, String text, String kind) {
  }

  private ResumeImport() {
  }

  /** Reads the file; BAD_INPUT naming the problem for anything that is not a readable PDF or .docx. */
  public static Result read(byte[] bytes) {
    if (bytes != null && bytes.length > MAX_BYTES) {
      throw Failure.BAD_INPUT.with("the file is larger than 10 MB");
    }
    Sniff.Kind kind = Sniff.of(bytes);
    List<Line> lines = kind == Sniff.Kind.PDF ? PdfText.lines(bytes) : DocxText.lines(bytes);
    if (lines.isEmpty()) {
      throw Failure.BAD_INPUT.with(kind == Sniff.Kind.PDF
          ? "the PDF has no text to read (it may be a scan: an image of the pages); upload a PDF with real text or a .docx"
          : "the .docx has no text");
    }
    StringBuilder text = new StringBuilder();
    for (Line l : lines) {
      text.append(l.bullet() ? "• " : "").append(l.text()).append('\n');
    }
    return new Result(DraftParser.parse(lines), text.toString(), kind.name().toLowerCase(java.util.Locale.ROOT));
  }
}
