package io.applyflow.account;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt hashing (cost 11). Slow on purpose: callers run it off the event loop. */
final class Passwords {
  private static final int COST = 11;

  private Passwords() {
  }

  static String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  /** True when the password matches; with no hash (unknown email) a dummy is checked so timing reveals nothing. */
  static boolean matches(String password, String hash) {
    String against = hash == null ? dummyHash() : hash;
    boolean ok = BCrypt.verifyer()
        .verify(password.getBytes(StandardCharsets.UTF_8), against.getBytes(StandardCharsets.UTF_8)).verified;
    return ok && hash != null;
  }

  private static volatile String dummy;

  private static String dummyHash() {
    if (dummy == null) {
      dummy = hash(java.util.UUID.randomUUID().toString());
    }
    return dummy;
  }
}
