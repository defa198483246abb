package io.applyflow.apply;

/**
 * The files a fill plan may attach, and whether the cover letter may go out.
 *
 * <p>The letter policy: in review mode the user reads the letter on the job page before approving, so it is sent;
 * a form submitted unattended (auto mode) carries it only when the user turned on
 * {@code send_cover_letter_in_auto}, because nobody has looked at it. A letter that failed its parse-back check was
 * never stored, so it has no file name here and is never sent.
 *
 * @param resumePdf            file name of the job's resume PDF, or null when there is none
 * @param coverLetterPdf       file name of the job's checked cover letter PDF, or null when there is none
 * @param unattended           whether the form is submitted without the user approving it first
 * @param sendLetterUnattended the user's {@code send_cover_letter_in_auto} setting
 */
public record Attachments(String resumePdf, String coverLetterPdf, boolean unattended,
                          boolean sendLetterUnattended) {

  /** Nothing to attach. */
  public static final Attachments NONE = new Attachments(null, null, false, false);

  /** A form the user approves before it is sent: the letter they saw goes with it. */
  public static Attachments review(String resumePdf, String coverLetterPdf) {
    return new Attachments(resumePdf, coverLetterPdf, false, false);
  }

  /** A form submitted on its own: the letter goes only when the user's setting says so. */
  public static Attachments auto(String resumePdf, String coverLetterPdf, boolean sendCoverLetterInAuto) {
    return new Attachments(resumePdf, coverLetterPdf, true, sendCoverLetterInAuto);
  }

  /** Whether the cover letter is attached under this policy. */
  public boolean sendsLetter() {
    return coverLetterPdf != null && (!unattended || sendLetterUnattended);
  }
}
