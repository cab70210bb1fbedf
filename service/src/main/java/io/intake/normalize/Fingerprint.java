package io.intake.normalize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Stable identity hashes for work items. */
public final class Fingerprint {

  private Fingerprint() {
  }

  /** SHA-256 over the parts (unit-separator joined), first 128 bits in hex. */
  public static String of(String... parts) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
    for (String part : parts) {
      digest.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0x1f);
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 16);
  }

  /** Text as it counts for identity: case and runs of whitespace do not matter. */
  public static String canonicalText(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
