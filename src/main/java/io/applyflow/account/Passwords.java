package io.applyflow.account;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Password hashing: bcrypt (cost 11), slow on purpose, so callers run it off the event loop.
 *
 * <p>bcrypt reads at most 72 bytes, and the library refuses more. So a password is first NFC-normalised (the same
 * typed password gives the same bytes whatever the keyboard or input method composed), then pre-hashed with
 * HMAC-SHA-256 under a fixed, public, application-specific key, and the 44-character base64 of that is what bcrypt
 * hashes: every byte of a long password counts, and the key (domain separation) means a leaked plain SHA-256 of the
 * same password from another site cannot be tried against our hashes ("shucking"). Such hashes are stored as
 * {@code af2$<bcrypt string>}.
 *
 * <p>Hashes made before (a bare {@code $2a$...} of the raw password) still verify, and are replaced by the new format
 * on the next successful log-in ({@link Check#needsRehash}).
 */
final class Passwords {
  /** At least this many characters (Unicode code points, after NFC). */
  static final int MIN_CHARS = 8;
  /** At most this many bytes in UTF-8, after NFC (so at most 1,024 characters, fewer outside ASCII). */
  static final int MAX_BYTES = 1024;

  private static final int COST = 11;
  private static final String V2 = "af2$";
  private static final byte[] PREHASH_KEY = "applyflow password v2".getBytes(StandardCharsets.US_ASCII);
  private static final int BCRYPT_MAX_BYTES = 72;

  private Passwords() {
  }

  /** What is wrong with a new password, or null: checked before any hashing, so bad input costs nothing. */
  static String problem(String password) {
    if (password == null || password.isEmpty()) {
      return "password is required";
    }
    String tooLong = tooLong(password);
    if (tooLong != null) {
      return tooLong;
    }
    for (int i = 0; i < password.length(); i++) {
      char c = password.charAt(i);
      if (Character.isISOControl(c)) {
        return "password must not contain control characters (such as NUL, tab or a line break)";
      }
      if (Character.isSurrogate(c)) {
        boolean paired = Character.isHighSurrogate(c) && i + 1 < password.length()
            && Character.isLowSurrogate(password.charAt(i + 1));
        if (!paired) {
          return "password is not valid Unicode text (an unpaired surrogate)";
        }
        i++;
      }
    }
    String nfc = nfc(password);
    if (nfc.codePointCount(0, nfc.length()) < MIN_CHARS) {
      return "password must be at least " + MIN_CHARS + " characters long";
    }
    return null;
  }

  /** The length limit alone (log-in checks only this: an old password may hold anything else). */
  static String tooLong(String password) {
    // a UTF-16 unit is at least one UTF-8 byte, so this bounds the work before normalising
    if (password.length() > MAX_BYTES || nfc(password).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "password must be at most " + MAX_BYTES + " bytes in UTF-8 (" + MAX_BYTES
          + " plain letters or digits, fewer accented or non-Latin characters)";
    }
    return null;
  }

  static String hash(String password) {
    byte[] hash = BCrypt.withDefaults().hash(COST, prehash(nfc(password)));
    return V2 + new String(hash, StandardCharsets.US_ASCII);
  }

  /** Whether the password matches, and whether the stored hash should be replaced by one in the current format. */
  record Check(boolean ok, boolean needsRehash) {
  }

  /** With no stored hash (unknown email) a dummy is checked, so timing does not tell whether an account exists. */
  static Check verify(String password, String stored) {
    if (stored == null) {
      verifyV2(password, dummyHash().substring(V2.length()));
      return new Check(false, false);
    }
    if (stored.startsWith(V2)) {
      return new Check(verifyV2(password, stored.substring(V2.length())), false);
    }
    // a hash from before pre-hashing: bcrypt of the raw password as typed then (never over 72 bytes: sign-up refused
    // those with an error); try the forms another input method may have typed it in
    Set<String> forms = new LinkedHashSet<>();
    forms.add(password);
    forms.add(nfc(password));
    forms.add(Normalizer.normalize(password, Normalizer.Form.NFD));
    for (String form : forms) {
      byte[] bytes = form.getBytes(StandardCharsets.UTF_8);
      if (bytes.length <= BCRYPT_MAX_BYTES
          && BCrypt.verifyer().verify(bytes, stored.getBytes(StandardCharsets.UTF_8)).verified) {
        return new Check(true, true);
      }
    }
    return new Check(false, false);
  }

  /** A hash in the format used before pre-hashing, for tests that prove such users can still log in. */
  static String legacyHash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  private static boolean verifyV2(String password, String bcrypt) {
    return BCrypt.verifyer().verify(prehash(nfc(password)), bcrypt.getBytes(StandardCharsets.US_ASCII)).verified;
  }

  static String nfc(String password) {
    return Normalizer.normalize(password, Normalizer.Form.NFC);
  }

  /** base64(HMAC-SHA-256(key, UTF-8 bytes)): 44 ASCII bytes, no NUL, under bcrypt's 72. */
  static byte[] prehash(String normalised) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(PREHASH_KEY, "HmacSHA256"));
      byte[] digest = mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encode(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static volatile String dummy;

  private static String dummyHash() {
    if (dummy == null) {
      dummy = hash(java.util.UUID.randomUUID().toString());
    }
    return dummy;
  }
}
