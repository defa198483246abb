package io.applyflow.apply;

/** A file to attach to a form (the tailored resume, the cover letter): name the employer sees, MIME type, bytes. */
public record Upload(String filename, String contentType, byte[] bytes) {
}
