package io.applyflow.platform.media;

/** Reads a PNG's header: its signature and the pixel size its {@code IHDR} chunk declares. */
public final class Png {
  private Png() {
  }

  /** The width and height in pixels a PNG's header declares ({@code IHDR}), or null when the bytes are no PNG. */
  public static int[] size(byte[] png) {
    return png == null ? null : size(png, 0);
  }

  /**
   * Width and height from a PNG's first 24 bytes; {@code offset} is where the signature starts. PNG: 8-byte signature,
   * then the IHDR chunk (length, "IHDR", width, height as big-endian ints).
   */
  public static int[] size(byte[] png, int offset) {
    if (png.length < offset + 24 || !isPng(png, offset)) {
      return null;
    }
    return new int[] {readInt(png, offset + 16), readInt(png, offset + 20)};
  }

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** Whether the bytes start with the PNG signature. */
  public static boolean isPng(byte[] bytes) {
    return bytes != null && bytes.length >= 8 && isPng(bytes, 0);
  }

  private static boolean isPng(byte[] b, int offset) {
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (b[offset + i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  private static int readInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
  }
}
