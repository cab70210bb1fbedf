package io.intake.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the proofs webhook senders attach to a request. Every comparison is constant-time over
 * bytes; a header that does not parse is simply not a match. Several secrets may be configured
 * per source (rotation), and PagerDuty may send several signatures (its own rotation).
 */
public final class WebhookSignatures {

  private WebhookSignatures() {
  }

  /** How a source proves a request is its own. */
  public enum Scheme {
    /** {@code X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>} (Jira). */
    HUB_SHA256,
    /** {@code X-PagerDuty-Signature: v1=<hex HMAC-SHA256>[,v1=<hex>…]} (PagerDuty webhooks v3). */
    PAGERDUTY_V1,
    /** The secret itself in a header ({@code Authorization: Bearer <secret>} or a custom header). */
    SHARED_SECRET
  }

  public static boolean verify(Scheme scheme, String header, byte[] body, List<String> secrets) {
    if (header == null || header.isBlank() || secrets.isEmpty()) {
      return false;
    }
    return switch (scheme) {
      case HUB_SHA256 -> verifyHub(header, body, secrets);
      case PAGERDUTY_V1 -> verifyPagerDuty(header, body, secrets);
      case SHARED_SECRET -> verifySharedSecret(header, secrets);
    };
  }

  static boolean verifyHub(String header, byte[] body, List<String> secrets) {
    String value = header.strip();
    if (!value.regionMatches(true, 0, "sha256=", 0, 7)) {
      return false;
    }
    return matchesAny(decodeHex(value.substring(7)), body, secrets);
  }

  static boolean verifyPagerDuty(String header, byte[] body, List<String> secrets) {
    boolean found = false;
    for (String part : header.split(",")) {
      String value = part.strip();
      if (value.startsWith("v1=")) {
        found |= matchesAny(decodeHex(value.substring(3)), body, secrets);
      }
    }
    return found;
  }

  static boolean verifySharedSecret(String header, List<String> secrets) {
    String value = header.strip();
    if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      value = value.substring(7).strip();
    }
    byte[] presented = ApiKeys.sha256(value);
    boolean found = false;
    for (String secret : secrets) {
      found |= MessageDigest.isEqual(ApiKeys.sha256(secret), presented);
    }
    return found;
  }

  private static boolean matchesAny(byte[] signature, byte[] body, List<String> secrets) {
    if (signature == null) {
      return false;
    }
    boolean found = false;
    for (String secret : secrets) {
      found |= MessageDigest.isEqual(hmacSha256(secret, body), signature);
    }
    return found;
  }

  /** HMAC-SHA256 of {@code body} keyed with the UTF-8 bytes of {@code secret}. */
  public static byte[] hmacSha256(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
    }
  }

  /** Lower-case hex of the HMAC, as the senders write it. */
  public static String hmacSha256Hex(String secret, byte[] body) {
    return HexFormat.of().formatHex(hmacSha256(secret, body));
  }

  private static byte[] decodeHex(String hex) {
    String value = hex.strip().toLowerCase(Locale.ROOT);
    if (value.length() != 64) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
