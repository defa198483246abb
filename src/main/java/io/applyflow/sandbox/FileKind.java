package io.applyflow.sandbox;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The only kinds of file the sandbox takes and serves: the ones Greenhouse's application form accepts ("Accepted file
 * types: pdf, doc, docx, txt, rtf" on job-boards.greenhouse.io, shared/fixtures/greenhouse/job-boards_aclu_…_page.html),
 * decided from the bytes alone (never from the client's file name or content type): PDF ({@code %PDF-} first), DOC (an
 * OLE2 compound file, MS-CFB's signature {@code D0 CF 11 E0 A1 B1 1A E1}), RTF (a brace, then the control word
 * \rtf: RTF 1.9.1), DOCX (a ZIP
 * whose central directory names {@code [Content_Types].xml} and a {@code word/} part) and plain text (valid UTF-8 with no control character but
 * tab, CR and LF, that does not open the way a browser recognises HTML or XML: WHATWG MIME Sniffing, "identifying a
 * resource with an unknown MIME type"). Every check is one linear pass and inflates nothing, so a ZIP bomb costs no more than its size.
 * Pure; safe from any thread.
 */
enum FileKind {
  PDF("application/pdf", "pdf"),
  DOC("application/msword", "doc"),
  RTF("application/rtf", "rtf"),
  DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
  TXT("text/plain; charset=utf-8", "txt");

  /** The content type stored and served. */
  final String contentType;
  /** The file name extension (no dot) a file of this kind is stored under. */
  final String extension;

  FileKind(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
      (byte) 0xE1};
  private static final byte[] RTF_MAGIC = "{\\rtf".getBytes(StandardCharsets.US_ASCII);
  private static final int LOCAL_HEADER = 0x04034b50;
  private static final int CENTRAL_HEADER = 0x02014b50;
  private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
  private static final int MAX_ZIP_ENTRIES = 10_000;

  /** What {@code bytes} are, or empty when they are none of the accepted kinds (or empty). */
  static Optional<FileKind> sniff(Buffer bytes) {
    return sniff(bytes.getBytes());
  }

  static Optional<FileKind> sniff(byte[] b) {
    if (b.length == 0) {
      return Optional.empty();
    }
    if (startsWith(b, PDF_MAGIC)) {
      return Optional.of(PDF);
    }
    if (startsWith(b, OLE2_MAGIC)) {
      return Optional.of(DOC);
    }
    if (startsWith(b, RTF_MAGIC)) {
      return Optional.of(RTF);
    }
    if (b.length >= 4 && le32(b, 0) == LOCAL_HEADER) {
      return isDocx(b) ? Optional.of(DOCX) : Optional.empty();
    }
    return isPlainText(b) && !opensLikeMarkup(b) ? Optional.of(TXT) : Optional.empty();
  }

  /** WHATWG's HTML signatures (each followed by a space or {@code >}), then the ones that need no terminator. */
  private static final String[] HTML_TAGS = {"<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV",
      "<FONT", "<TABLE", "<A", "<STYLE", "<TITLE", "<B", "<BODY", "<BR", "<P"};
  private static final String[] MARKUP_PREFIXES = {"<!--", "<?XML", "<SVG"};

  /** Whether the text, after leading whitespace (and a byte-order mark), opens with an HTML or XML signature. */
  static boolean opensLikeMarkup(byte[] b) {
    int i = 0;
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      i = 3;
    }
    while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r' || b[i] == '\f')) {
      i++;
    }
    for (String p : MARKUP_PREFIXES) {
      if (matchesAt(b, i, p)) {
        return true;
      }
    }
    for (String t : HTML_TAGS) {
      if (matchesAt(b, i, t) && (i + t.length() == b.length || b[i + t.length()] == ' ' || b[i + t.length()] == '>')) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAt(byte[] b, int at, String upper) {
    if (at + upper.length() > b.length) {
      return false;
    }
    for (int k = 0; k < upper.length(); k++) {
      int c = b[at + k] & 0xFF;
      if (c >= 'a' && c <= 'z') {
        c -= 32;
      }
      if (c != upper.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** {@code name} with this kind's extension: kept when it already ends so, else appended. */
  String fileName(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith("." + extension) ? name : name + "." + extension;
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the ZIP's central directory (found through the end-of-central-directory record in the last 64 KiB) and
   * looks for {@code [Content_Types].xml} and any {@code word/} entry. ZIP64 and split archives are refused.
   */
  static boolean isDocx(byte[] b) {
    int eocd = -1;
    for (int i = b.length - 22; i >= 0 && i >= b.length - 22 - 0xFFFF; i--) {
      if (le32(b, i) == END_OF_CENTRAL_DIRECTORY) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      return false;
    }
    int entries = le16(b, eocd + 10);
    long size = le32(b, eocd + 12) & 0xFFFFFFFFL;
    long offset = le32(b, eocd + 16) & 0xFFFFFFFFL;
    if (le16(b, eocd + 4) != 0 || entries == 0xFFFF || entries > MAX_ZIP_ENTRIES || offset + size > eocd) {
      return false;
    }
    boolean contentTypes = false;
    boolean word = false;
    int p = (int) offset;
    for (int n = 0; n < entries; n++) {
      if (p + 46 > eocd || le32(b, p) != CENTRAL_HEADER) {
        return false;
      }
      int nameLength = le16(b, p + 28);
      int extraLength = le16(b, p + 30);
      int commentLength = le16(b, p + 32);
      if (p + 46 + nameLength > eocd) {
        return false;
      }
      String name = new String(b, p + 46, nameLength, StandardCharsets.UTF_8);
      contentTypes |= "[Content_Types].xml".equals(name);
      word |= name.startsWith("word/") && name.length() > "word/".length();
      p += 46 + nameLength + extraLength + commentLength;
    }
    return contentTypes && word;
  }

  /** Well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF), no NUL/C0/DEL/C1 but tab, CR, LF. */
  static boolean isPlainText(byte[] b) {
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
          return false;
        }
        i++;
        continue;
      }
      int need;
      int cp;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0F;
      } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07;
      } else {
        return false;
      }
      if (i + need >= b.length) {
        return false;
      }
      for (int k = 1; k <= need; k++) {
        int cc = b[i + k] & 0xFF;
        if ((cc & 0xC0) != 0x80) {
          return false;
        }
        cp = (cp << 6) | (cc & 0x3F);
      }
      if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF))
          || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp <= 0x9F)) {
        return false;
      }
      i += need + 1;
    }
    return true;
  }

  private static int le16(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
  }

  private static int le32(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
  }
}
