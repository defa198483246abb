package io.applyflow.apply;

/**
 * How a submission ended: confirmed only when the ATS accepted the form's POST and the page reached says so.
 *
 * @param url the page reached
 * @param heading its main heading
 * @param postStatus the HTTP status of the form's POST
 * @param message the confirmation the page shows (its words, trimmed)
 * @param receipt the ATS's own id for the application, or null when it named none
 */
public record Confirmation(boolean confirmed, String url, String heading, int postStatus, String message,
                           String receipt) {
}
