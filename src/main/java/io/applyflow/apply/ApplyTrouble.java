package io.applyflow.apply;

/**
 * Why a hosted form could not be filled or submitted, with the page's own words where there were any.
 * {@link Kind} lets the caller decide: {@code CAPTCHA} and {@code LOGIN_WALL} need a human,
 * {@code VALIDATION} means the employer refused the answers, {@code TIMEOUT} may be retried,
 * {@code UNEXPECTED_PAGE} means the page is not a form this filler knows, {@code REFUSED_URL} that the page (or the
 * posting's link) led somewhere the browser may not go ({@link AllowedOrigins}), {@code UNCONFIRMED} that the ATS
 * accepted the submission but the page reached does not confirm it (the outcome is unknown), {@code SECURITY_CODE}
 * that the board asks for a code it emailed before it takes the application ({@link SecurityCodeRequired}).
 */
public class ApplyTrouble extends RuntimeException {
  /** What went wrong, coarse enough to act on. */
  public enum Kind { UNEXPECTED_PAGE, CAPTCHA, LOGIN_WALL, VALIDATION, TIMEOUT, REFUSED_URL, UNCONFIRMED,
    SECURITY_CODE }

  private final Kind kind;
  private final String pageMessage;

  public ApplyTrouble(Kind kind, String pageMessage) {
    this(kind, pageMessage, null);
  }

  public ApplyTrouble(Kind kind, String pageMessage, Throwable cause) {
    super(kind + ": " + pageMessage, cause);
    this.kind = kind;
    this.pageMessage = pageMessage;
  }

  public Kind kind() {
    return kind;
  }

  /** The message the page showed (or our description when it showed none). */
  public String pageMessage() {
    return pageMessage;
  }
}
