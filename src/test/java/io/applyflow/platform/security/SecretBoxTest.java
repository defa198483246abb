package io.applyflow.platform.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.config.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
  private static final String KEY = "gsk_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5z6";

  private static byte[] randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  @Test
  void aSealedSecretOpensForItsOwnerAndHidesItsText() {
    SecretBox box = new SecretBox(randomKey());
    byte[] sealed = box.seal(KEY, 42);
    assertEquals(KEY, box.open(sealed, 42));
    String asText = new String(sealed, StandardCharsets.ISO_8859_1);
    assertFalse(asText.contains(KEY) || asText.contains(KEY.substring(0, 12)), "the sealed bytes hold no plain text");
    assertEquals(1 + 12 + KEY.length() + 16, sealed.length, "version, nonce, ciphertext and tag");
  }

  @Test
  void everySealHasAFreshNonce() {
    SecretBox box = new SecretBox(randomKey());
    byte[] a = box.seal(KEY, 7);
    byte[] b = box.seal(KEY, 7);
    assertFalse(Arrays.equals(a, b), "equal secrets seal differently");
    assertFalse(Arrays.equals(Arrays.copyOfRange(a, 1, 13), Arrays.copyOfRange(b, 1, 13)), "two nonces differ");
  }

  @Test
  void anyChangedByteIsDetected() {
    SecretBox box = new SecretBox(randomKey());
    byte[] sealed = box.seal(KEY, 3);
    for (int i = 1; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= 0x01;
      assertThrows(SecretBox.Unopenable.class, () -> box.open(tampered, 3), "byte " + i + " changed");
    }
    assertThrows(SecretBox.Unopenable.class, () -> box.open(Arrays.copyOf(sealed, sealed.length - 1), 3), "cut");
    assertThrows(SecretBox.Unopenable.class, () -> box.open(new byte[0], 3), "empty");
  }

  @Test
  void anotherOwnerOrAnotherMasterKeyCannotOpenIt() {
    byte[] master = randomKey();
    SecretBox box = new SecretBox(master);
    byte[] sealed = box.seal(KEY, 100);
    assertThrows(SecretBox.Unopenable.class, () -> box.open(sealed, 101), "sealed for user 100, opened as 101");
    assertThrows(SecretBox.Unopenable.class, () -> new SecretBox(randomKey()).open(sealed, 100), "another master key");
    assertEquals(KEY, new SecretBox(master.clone()).open(sealed, 100), "the same master key in another box opens it");
  }

  @Test
  void theKeyFileIsCreatedOnceWithOwnerOnlyPermissionsAndReadAfterwards(@TempDir Path dir) throws Exception {
    SecretBox first = SecretBox.load(null, dir);
    Path file = dir.resolve(SecretBox.FILE);
    assertEquals(32, Files.size(file));
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    byte[] before = Files.readAllBytes(file);
    byte[] sealed = first.seal(KEY, 5);
    assertEquals(KEY, SecretBox.load(null, dir).open(sealed, 5), "a restart reads the same key");
    assertArrayEquals(before, Files.readAllBytes(file), "the file is not rewritten");
    try (var listing = Files.list(dir)) {
      assertEquals(1, listing.count(), "no temporary file is left behind");
    }
  }

  @Test
  void aKeyFileOfTheWrongSizeIsRefusedNamingIt(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve(SecretBox.FILE), new byte[10]);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SecretBox.load(null, dir));
    assertTrue(e.getMessage().contains(SecretBox.FILE) && e.getMessage().contains("APPLYFLOW_SECRET_KEY"),
        e.getMessage());
  }

  @Test
  void theEnvironmentsKeyWinsOverTheFileAndIsNeverWrittenToIt(@TempDir Path dir) {
    byte[] master = randomKey();
    SecretBox box = SecretBox.load(Base64.getEncoder().encodeToString(master), dir);
    assertFalse(Files.exists(dir.resolve(SecretBox.FILE)));
    assertEquals(KEY, new SecretBox(master).open(box.seal(KEY, 9), 9));
  }

  @Test
  void aMalformedSecretKeyStopsTheStartNamingTheVariableNotTheValue() {
    for (String bad : new String[] {"not base64 at all!", Base64.getEncoder().encodeToString(new byte[16])}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Config.fromEnv(Map.of("APPLYFLOW_SECRET_KEY", bad)));
      assertTrue(e.getMessage().startsWith("APPLYFLOW_SECRET_KEY must be base64 of 32"), e.getMessage());
      assertFalse(e.getMessage().contains(bad), "the value is not repeated: " + e.getMessage());
    }
    String good = Base64.getEncoder().encodeToString(randomKey());
    Config c = Config.fromEnv(Map.of("APPLYFLOW_SECRET_KEY", good));
    assertEquals(good, c.secretKey());
    assertFalse(c.toString().contains(good), "Config's toString hides it");
    assertNotEquals(null, Config.fromEnv(Map.of()).dataDir());
  }
}
