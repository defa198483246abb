package io.applyflow.platform.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets (a user's LLM API key) for storage in Postgres: AES-256-GCM with a random 96-bit nonce per
 * seal and the owner's id bound as associated data, so a sealed value copied into another user's row does not open,
 * and any change to it is detected. A sealed value is {@code version (1 byte) | nonce (12) | ciphertext and tag}.
 *
 * <p>The master key never lives in the database (a dump alone reveals no secret): it is {@code APPLYFLOW_SECRET_KEY}
 * (base64 of 32 bytes) when set, else the file {@code DATA_DIR/secret.key}, created on first use with 32 random bytes
 * and permissions 0600. Every node of a cluster must be given the same {@code APPLYFLOW_SECRET_KEY}; a node with
 * another key cannot open what the others sealed. Thread-safe (a cipher per call).
 */
public final class SecretBox {
  /** The environment variable holding the master key. */
  public static final String ENV = "APPLYFLOW_SECRET_KEY";
  /** The key file's name under the data directory. */
  public static final String FILE = "secret.key";

  private static final byte VERSION = 1;
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  /** A box with this 32-byte master key (copied). */
  public SecretBox(byte[] masterKey) {
    if (masterKey == null || masterKey.length != KEY_BYTES) {
      throw new IllegalArgumentException("the master key must be " + KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(masterKey.clone(), "AES");
  }

  /**
   * The box of this installation: {@code base64Key} ({@code APPLYFLOW_SECRET_KEY}) when not null, else the key file
   * in {@code dataDir}, created when missing. Blocking file I/O: call it at start-up, off any event loop.
   */
  public static SecretBox load(String base64Key, Path dataDir) {
    if (base64Key != null) {
      return new SecretBox(decodeKey(base64Key));
    }
    return new SecretBox(keyFile(dataDir.resolve(FILE)));
  }

  /**
   * The 32 bytes of a base64 master key; fails naming {@link #ENV} and what is wrong (never the value itself).
   */
  public static byte[] decodeKey(String base64Key) {
    byte[] k;
    try {
      k = Base64.getDecoder().decode(base64Key.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ENV + " must be base64 of " + KEY_BYTES + " random bytes (e.g. the output of "
          + "`openssl rand -base64 32`); it is not valid base64");
    }
    if (k.length != KEY_BYTES) {
      throw new IllegalArgumentException(ENV + " must be base64 of " + KEY_BYTES + " random bytes (e.g. the output of "
          + "`openssl rand -base64 32`); it decodes to " + k.length + " bytes");
    }
    return k;
  }

  /**
   * Reads the key file, or creates it with 32 random bytes (0600 on POSIX). Created under a temporary name and then
   * linked into place, so two processes starting at once never read a half-written key: the loser reads the winner's.
   */
  static byte[] keyFile(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        Path tmp = createPrivate(file.resolveSibling(FILE + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp"));
        try {
          Files.write(tmp, fresh);
          try {
            Files.createLink(file, tmp);
          } catch (UnsupportedOperationException e) {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE); // no hard links here: a rename instead
          }
        } catch (FileAlreadyExistsException e) {
          // another process created it first: use that one
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      byte[] k = Files.readAllBytes(file);
      if (k.length != KEY_BYTES) {
        throw new IllegalStateException(file + " must hold exactly " + KEY_BYTES + " bytes (the master key that seals "
            + "saved API keys), it holds " + k.length + "; restore it from a backup, or set " + ENV);
      }
      return k;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create the master key " + file + " (" + e.getMessage()
          + "); make DATA_DIR writable or set " + ENV, e);
    }
  }

  private static Path createPrivate(Path path) throws IOException {
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
      return Files.createFile(path, PosixFilePermissions.asFileAttribute(owner));
    }
    return Files.createFile(path);
  }

  /** {@code secret} sealed for {@code ownerId}: a fresh nonce each time, so equal secrets seal differently. */
  public byte[] seal(String secret, long ownerId) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(associated(ownerId));
      byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The secret {@code sealed} for {@code ownerId}; {@link Unopenable} when it was sealed for another owner, with
   * another master key, or changed since.
   */
  public String open(byte[] sealed, long ownerId) {
    if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
      throw new Unopenable();
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
      c.updateAAD(associated(ownerId));
      byte[] plain = c.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
      String s = new String(plain, StandardCharsets.UTF_8);
      Arrays.fill(plain, (byte) 0);
      return s;
    } catch (AEADBadTagException e) {
      throw new Unopenable();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  private static byte[] associated(long ownerId) {
    return ("applyflow secret v1 user " + ownerId).getBytes(StandardCharsets.UTF_8);
  }

  /** A sealed value that does not open: another owner's, another master key's, or tampered with. */
  public static final class Unopenable extends RuntimeException {
    Unopenable() {
      super("the sealed value does not open with this master key for this owner", null, false, false);
    }
  }
}
