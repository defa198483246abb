package io.applyflow.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the sandbox takes by the bytes alone, its linear email check and its per-address POST throttle. */
class FileKindTest {
  private static Optional<FileKind> sniff(String s) {
    return FileKind.sniff(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void pdfDocxAndTextAreKnownByTheirBytes() {
    assertEquals(Optional.of(FileKind.PDF), sniff("%PDF-1.7\n..."));
    byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
    assertEquals(Optional.of(FileKind.DOC), FileKind.sniff(ole2), "a Word 97-2003 file (OLE2 compound file)");
    assertEquals(Optional.of(FileKind.RTF), sniff("{\\rtf1\\ansi Ada Lovelace\\par}"));
    assertEquals(Optional.of(FileKind.DOCX), FileKind.sniff(SandboxRoutesIT.docx("Ada")));
    assertEquals(Optional.of(FileKind.TXT), sniff("Ada Lovelace\r\n\tAnalyst — Zürich 日本 😀\n"));
    assertEquals(Optional.of(FileKind.TXT), sniff("Skills: <b>not a tag at the start</b>"));
  }

  @Test
  void anythingElseIsRefused() {
    assertEquals(Optional.empty(), FileKind.sniff(new byte[0]));
    assertEquals(Optional.of(FileKind.TXT), sniff("%PDF"), "without its dash it is no PDF, only text");
    assertEquals(Optional.empty(), sniff("<!doctype html><script>alert(1)</script>"));
    assertEquals(Optional.empty(), sniff("\n  <HTML>"));
    assertEquals(Optional.empty(), sniff("\uFEFF<script>x</script>"));
    assertEquals(Optional.empty(), sniff("<?xml version=\"1.0\"?><svg/>"));
    assertEquals(Optional.empty(), sniff("<!-- hi -->"));
    assertEquals(Optional.empty(), sniff("a\u0000b"));
    assertEquals(Optional.empty(), sniff("bell\u0007"));
    assertEquals(Optional.empty(), sniff("del\u007F"));
    assertEquals(Optional.empty(), sniff("c1 \u0085"));
    assertEquals(Optional.empty(), FileKind.sniff(new byte[] {'a', (byte) 0xC0, (byte) 0x80}), "overlong NUL");
    assertEquals(Optional.empty(), FileKind.sniff(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), "surrogate");
    assertEquals(Optional.empty(), FileKind.sniff(new byte[] {'a', (byte) 0xE2, (byte) 0x82}), "truncated");
    assertEquals(Optional.empty(), FileKind.sniff(new byte[] {'P', 'K', 3, 4, 0, 0}), "a ZIP without a directory");
    assertEquals(Optional.empty(), FileKind.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}), "a JPEG");
  }

  @Test
  void storedNamesCarryTheKindsExtension() {
    assertEquals("cv.pdf", FileKind.PDF.fileName("cv.pdf"));
    assertEquals("cv.PDF", FileKind.PDF.fileName("cv.PDF"));
    assertEquals("cv.html.txt", FileKind.TXT.fileName("cv.html"));
  }

  @Test
  void emailCheckIsTheOldPatternWithoutBacktracking() {
    assertTrue(SubmissionForm.isEmail("ada@example.com"));
    assertTrue(SubmissionForm.isEmail("a@.b.c"), "as the old pattern allowed");
    assertFalse(SubmissionForm.isEmail("ada.example.com"));
    assertFalse(SubmissionForm.isEmail("@example.com"));
    assertFalse(SubmissionForm.isEmail("ada@example"));
    assertFalse(SubmissionForm.isEmail("ada@example."));
    assertFalse(SubmissionForm.isEmail("ada@.com"));
    assertFalse(SubmissionForm.isEmail("a@b@example.com"));
    assertFalse(SubmissionForm.isEmail("ada @example.com"));
    assertFalse(SubmissionForm.isEmail("a".repeat(250) + "@b.co"), "longer than 254");
    // the ReDoS shape of issue 8 (20,000 characters, no dot after the @) is refused on its length alone
    assertFalse(SubmissionForm.isEmail("a@" + "a".repeat(20_000)));
  }

  @Test
  void throttleGivesABurstThenOneRequestPerInterval() {
    AtomicLong now = new AtomicLong(0);
    PostThrottle t = new PostThrottle(3, now::get);
    assertEquals(0, t.take("10.0.0.1"));
    assertEquals(0, t.take("10.0.0.1"));
    assertEquals(0, t.take("10.0.0.1"));
    assertEquals(20, t.take("10.0.0.1"), "one token every 20 s at 3 a minute");
    assertEquals(0, t.take("10.0.0.2"), "another address has its own bucket");
    now.addAndGet(20_000_000_000L);
    assertEquals(0, t.take("10.0.0.1"));
    assertEquals(20, t.take("10.0.0.1"));
  }
}
