package io.applyflow.versions;

/** Small wording helpers of the versions pages. Pure. */
final class VersionText {

  private VersionText() {
  }

  /** "1 bullet", "3 bullets". */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
