package io.applyflow.apply;

/** A file to attach to a form (the tailored resume): name shown to the employer, MIME type and bytes. */
public record Upload(String filename, String contentType, byte[] bytes) {
}
