package io.applyflow.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordsTest {
  private static final String E_ACUTE_40 = "é".repeat(40); // 80 bytes in UTF-8: past bcrypt's 72

  @Test
  void aPasswordPastBcryptsSeventyTwoBytesHashesAndEveryByteCounts() {
    assertEquals(80, E_ACUTE_40.getBytes(StandardCharsets.UTF_8).length);
    assertNull(Passwords.problem(E_ACUTE_40));
    String hash = Passwords.hash(E_ACUTE_40);
    assertTrue(hash.startsWith("af2$$2a$"), hash);
    assertTrue(Passwords.verify(E_ACUTE_40, hash).ok());
    // the same first 72 bytes, a different end: bcrypt alone would call these equal
    assertFalse(Passwords.verify("é".repeat(39) + "e", hash).ok());
    String ascii73 = "a".repeat(72) + "b";
    String hash73 = Passwords.hash(ascii73);
    assertTrue(Passwords.verify(ascii73, hash73).ok());
    assertFalse(Passwords.verify("a".repeat(72) + "c", hash73).ok());
  }

  @Test
  void theSameTypedPasswordMatchesWhateverTheInputMethodComposed() {
    String composed = "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e";
    String decomposed = java.text.Normalizer.normalize(composed, java.text.Normalizer.Form.NFD);
    assertFalse(composed.equals(decomposed));
    String hash = Passwords.hash(decomposed);
    assertTrue(Passwords.verify(composed, hash).ok());
    assertTrue(Passwords.verify(decomposed, hash).ok());
  }

  @Test
  void aHashFromBeforePreHashingStillVerifiesAndAsksToBeReplaced() {
    String legacy = Passwords.legacyHash("correct horse 1");
    assertTrue(legacy.startsWith("$2a$"), legacy);
    Passwords.Check ok = Passwords.verify("correct horse 1", legacy);
    assertTrue(ok.ok());
    assertTrue(ok.needsRehash());
    assertFalse(Passwords.verify("correct horse 2", legacy).ok());
    assertFalse(Passwords.verify("correct horse 1", Passwords.hash("correct horse 1")).needsRehash());
    // typed then with another input method (decomposed), now composed
    String nfdLegacy = Passwords.legacyHash("mot de passe d\u0065\u0301j\u0061\u0300");
    assertTrue(Passwords.verify("mot de passe d\u00e9j\u00e0", nfdLegacy).ok());
    // a long password against an old hash is a plain "no", not an exception
    assertFalse(Passwords.verify("x".repeat(500), legacy).ok());
  }

  @Test
  void anUnknownAccountIsNeverAMatch() {
    assertFalse(Passwords.verify("correct horse 1", null).ok());
  }

  @Test
  void limitsAreInCharactersBelowAndBytesAbove() {
    assertNotNull(Passwords.problem(null));
    assertTrue(Passwords.problem("short").contains("at least 8 characters"));
    // 8 emoji are 8 characters (16 UTF-16 units, 32 bytes): long enough
    assertNull(Passwords.problem("\uD83D\uDE00".repeat(8)));
    // 7 characters, even when they take more than 8 UTF-16 units
    assertTrue(Passwords.problem("\uD83D\uDE00".repeat(7)).contains("at least 8"));
    assertNull(Passwords.problem("a".repeat(Passwords.MAX_BYTES)));
    assertTrue(Passwords.problem("a".repeat(Passwords.MAX_BYTES + 1)).contains("at most 1024 bytes"));
    // 513 × "é" is 513 characters but 1,026 bytes
    assertTrue(Passwords.problem("é".repeat(513)).contains("at most 1024 bytes"));
    assertNull(Passwords.problem("é".repeat(512)));
    assertTrue(Passwords.problem("correct\u0000horse").contains("control characters"));
    assertTrue(Passwords.problem("correct horse\n").contains("control characters"));
    assertTrue(Passwords.problem("correct horse \uD83D").contains("not valid Unicode"));
    assertNull(Passwords.tooLong("a".repeat(1024)));
    assertNotNull(Passwords.tooLong("a".repeat(5000)));
  }
}
