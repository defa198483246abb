package io.applyflow.resumeimport;

import io.applyflow.platform.bus.Failure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What an upload is, from its content (never its name): a PDF starts with {@code %PDF-} within its first 1,024
 * bytes (as readers allow), a Word .docx is a ZIP ({@code PK\3\4}) holding {@code [Content_Types].xml} and
 * {@code word/document.xml}. Anything else is refused with a message that says what the file starts with; a legacy
 * Word .doc (OLE2) gets its own.
 */
final class Sniff {
  enum Kind { PDF, DOCX }

  private static final int PDF_WINDOW = 1024;
  /** How many ZIP entries are looked at before giving up on finding the two a .docx must hold. */
  private static final int MAX_ENTRIES = 2000;

  private Sniff() {
  }

  static Kind of(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw Failure.BAD_INPUT.with("the file is empty: upload a PDF or a Word .docx");
    }
    if (indexOf(bytes, "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII), PDF_WINDOW) >= 0) {
      return Kind.PDF;
    }
    if (startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
      throw Failure.BAD_INPUT.with("the file is an old Word .doc (or another Office 97-2003 file), which cannot be"
          + " read: open it in Word or LibreOffice and save it as .docx or PDF, then upload that");
    }
    if (startsWith(bytes, 'P', 'K', 3, 4)) {
      if (isDocx(bytes)) {
        return Kind.DOCX;
      }
      throw Failure.BAD_INPUT.with("the file is a ZIP archive but not a Word .docx (it has no word/document.xml):"
          + " upload a PDF or a .docx");
    }
    throw Failure.BAD_INPUT.with("the file is not a PDF or a Word .docx: it starts with " + describe(bytes));
  }

  private static boolean isDocx(byte[] bytes) {
    boolean types = false;
    boolean document = false;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry e;
      int n = 0;
      while ((e = zip.getNextEntry()) != null && n++ < MAX_ENTRIES) {
        types |= "[Content_Types].xml".equals(e.getName());
        document |= "word/document.xml".equals(e.getName());
        if (types && document) {
          return true;
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw Failure.BAD_INPUT.with("the file looks like a .docx (a ZIP archive) but is damaged and cannot be read: "
          + e.getMessage());
    }
    return false;
  }

  /** The first bytes as text when they are printable ("\"Hello, I am ...\""), else as hex ("0x89 50 4E 47 ..."). */
  static String describe(byte[] bytes) {
    int n = Math.min(bytes.length, 16);
    boolean printable = true;
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xFF;
      if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' || b >= 0x7F) {
        printable = false;
        break;
      }
    }
    if (printable) {
      String s = new String(bytes, 0, n, java.nio.charset.StandardCharsets.US_ASCII).replaceAll("\\s+", " ");
      return "\"" + s + (bytes.length > n ? "…" : "") + "\"";
    }
    StringBuilder hex = new StringBuilder("bytes");
    for (int i = 0; i < Math.min(n, 8); i++) {
      hex.append(String.format(" %02X", bytes[i] & 0xFF));
    }
    return hex.toString();
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] bytes, byte[] needle, int window) {
    int end = Math.min(bytes.length, window) - needle.length;
    for (int i = 0; i <= end; i++) {
      int j = 0;
      while (j < needle.length && bytes[i + j] == needle[j]) {
        j++;
      }
      if (j == needle.length) {
        return i;
      }
    }
    return -1;
  }
}
