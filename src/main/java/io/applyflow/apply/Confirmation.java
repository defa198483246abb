package io.applyflow.apply;

/** The page a submission ended on: whether it is the employer's confirmation, its URL and main heading. */
public record Confirmation(boolean confirmed, String url, String heading) {
}
