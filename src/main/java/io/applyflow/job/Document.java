package io.applyflow.job;

import io.vertx.sqlclient.Row;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A stored file of a job: a resume PDF, a cover letter PDF, their page-1 previews (PNG), a screenshot. */
public record Document(long id, String kind, String filename, String contentType, byte[] content, String sha256) {
  public static final String RESUME_PDF = "resume_pdf";
  public static final String COVER_LETTER_PDF = "cover_letter_pdf";
  public static final String SCREENSHOT = "screenshot";
  /** Page 1 of the stored resume PDF as a PNG thumbnail ({@code io.applyflow.render.Preview}). */
  public static final String RESUME_PNG = "resume_png";
  /** Page 1 of the stored cover letter PDF as a PNG thumbnail. */
  public static final String COVER_LETTER_PNG = "cover_letter_png";

  static Document from(Row r) {
    return new Document(r.getLong("id"), r.getString("kind"), r.getString("filename"), r.getString("content_type"),
        r.getBuffer("content").getBytes(), r.getString("sha256"));
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
