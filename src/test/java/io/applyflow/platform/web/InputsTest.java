package io.applyflow.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class InputsTest {

  @Test
  void anEmailIsOneAtALocalPartAndADomainWithADot() {
    for (String ok : new String[] {"a@example.com", "richard.hendriks+jobs@pied-piper.io", "x@y.co", "ü@exämple.de",
        "a".repeat(64) + "@example.com"}) {
      assertTrue(Inputs.isEmail(ok), ok);
    }
    for (String bad : new String[] {null, "", "a", "a@b", "@example.com", "a@.com", "a@example.", "a@example.c",
        "a@@example.com", "a@b@example.com", "a b@example.com", "a@exa mple.com", "a\u0000@example.com",
        "a@example.com\n", "a\u2028@example.com", "a\u00a0@example.com", "a\u0085@example.com",
        "a".repeat(65) + "@example.com", "a@" + "b".repeat(250) + ".com"}) {
      assertFalse(Inputs.isEmail(bad), String.valueOf(bad));
    }
  }

  @Test
  void theLengthIsCheckedBeforeAnythingElseAndNamed() {
    Failure.Coded e = assertThrows(Failure.Coded.class, () -> Inputs.email("email", "a@" + "a.".repeat(10_000) + "@"));
    assertEquals("email is too long: at most 254 characters, got 20003", e.getMessage());
    e = assertThrows(Failure.Coded.class, () -> Inputs.line("name", "x".repeat(100_000) + "\u0000", Inputs.NAME));
    assertTrue(e.getMessage().startsWith("name is too long: at most 200 characters"), e.getMessage());
    assertEquals("email is not a valid email address",
        assertThrows(Failure.Coded.class, () -> Inputs.email("email", "a@b")).getMessage());
  }

  @Test
  void controlCharactersAreRefusedNamingTheFieldExceptLineBreaksInMultiLineText() {
    assertEquals("Ωmega Δίκτυα 株式会社 شركة", Inputs.line("name", "Ωmega Δίκτυα 株式会社 شركة", 200));
    assertNull(Inputs.line("name", null, 200));
    for (char c : new char[] {0, 1, 7, 8, '\t', '\n', '\r', 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9f}) {
      Failure.Coded e = assertThrows(Failure.Coded.class, () -> Inputs.line("position", "Eng" + c + "ineer", 200));
      assertTrue(e.getMessage().startsWith("position contains a control character (U+"), e.getMessage());
    }
    assertEquals("line one\n\tline two\r\n", Inputs.multiline("answer", "line one\n\tline two\r\n", 100));
    assertThrows(Failure.Coded.class, () -> Inputs.multiline("answer", "a\u0000b", 100));
    assertThrows(Failure.Coded.class, () -> Inputs.multiline("answer", "a\u000bb", 100));
  }

  @Test
  void jsonNestingIsCountedWithoutParsingAndStringsDoNotCount() {
    Inputs.jsonDepth("body", "[".repeat(64) + "]".repeat(64));
    Inputs.jsonDepth("body", "{\"a\":\"" + "[{".repeat(1000) + "\\\"[\"}");
    Failure.Coded e = assertThrows(Failure.Coded.class,
        () -> Inputs.jsonDepth("the request body", "[".repeat(10_000) + "]".repeat(10_000)));
    assertEquals("the request body nests objects and arrays deeper than 64 levels", e.getMessage());
  }

  @Test
  void aNulAnywhereInAJsonTreeIsNamedByItsPath() {
    JsonObject body = new JsonObject().put("resume", new JsonObject().put("work", new JsonArray()
        .add(new JsonObject().put("highlights", new JsonArray().add("ok").add("bad\u0000")))));
    Failure.Coded e = assertThrows(Failure.Coded.class, () -> Inputs.jsonTree("", body));
    assertEquals("resume.work[0].highlights[1] contains a NUL character (U+0000 at position 3); remove it",
        e.getMessage());
    e = assertThrows(Failure.Coded.class, () -> Inputs.jsonTree("", new JsonObject().put("a\u0000b", 1)));
    assertTrue(e.getMessage().contains("a\\U+0000b"), e.getMessage());
    e = assertThrows(Failure.Coded.class, () -> Inputs.jsonTree("", new JsonObject().put("k".repeat(201), 1)));
    assertTrue(e.getMessage().contains("at most 200"), e.getMessage());
    Inputs.jsonTree("", new JsonObject().put("text", "tabs\tand\nlines are fine here"));
  }

  @Test
  void addressesArePercentDecodedStrictly() {
    assertEquals("/runs/\u0000", Inputs.decode("/runs/%00", false));
    assertEquals("a b+c", Inputs.decode("a+b%2Bc", true));
    assertEquals("/a+b", Inputs.decode("/a+b", false));
    assertEquals("\u0085", Inputs.decode("%C2%85", true));
    assertEquals(6, Inputs.malformedEscapeAt("/runs/%zz"));
    assertEquals(2, Inputs.malformedEscapeAt("/a%4"));
    assertEquals(-1, Inputs.malformedEscapeAt("/a%41"));
    assertThrows(Failure.Coded.class, () -> Inputs.decode("x=%g1", true));
  }

  @Test
  void shownValuesAreShortAndShowControlCharacters() {
    assertEquals("a\\U+0000b", Inputs.shown("a\u0000b"));
    assertEquals(203, Inputs.shown("x".repeat(1_500_000)).length());
  }

  @Test
  void theReadmeDocumentsEveryMaximumAsTheCodeHasIt() throws java.io.IOException {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
    Inputs.MAXIMA.forEach((input, max) -> assertTrue(readme.contains("| " + input + " | " + max + " |"),
        "README.md's table of maxima has the row '| " + input + " | " + max + " |'"));
  }
}
