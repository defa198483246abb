package io.applyflow.tailor;

/**
 * A link shown in the contact line.
 *
 * @param label the profile's network ("GitHub"), or "Website" for {@code basics.url}
 * @param url   the address, as written in the resume
 */
public record Link(String label, String url) {
}
