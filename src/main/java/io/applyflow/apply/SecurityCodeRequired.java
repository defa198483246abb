package io.applyflow.apply;

/**
 * The board asked for the security code it emailed before it takes the application (Greenhouse's
 * {@code email_verification} step): the form is still open on the page, with the code step on it.
 * {@code boardMessage} is the error the page shows at the step after a code was entered (a wrong or expired code),
 * null when it shows none (the first time the step appears).
 */
public final class SecurityCodeRequired extends ApplyTrouble {
  private final String recipient;
  private final String boardMessage;

  public SecurityCodeRequired(String recipient, String boardMessage) {
    super(Kind.SECURITY_CODE, boardMessage != null ? boardMessage
        : "the board emailed a security code to " + (recipient == null ? "the applicant" : recipient)
            + " and asks for it before it takes the application");
    this.recipient = recipient;
    this.boardMessage = boardMessage;
  }

  /** The address the code was sent to, as the board named it; null when it named none. */
  public String recipient() {
    return recipient;
  }

  /** The page's error at the code step, or null. */
  public String boardMessage() {
    return boardMessage;
  }
}
