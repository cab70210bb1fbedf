package io.intake.model;

import java.security.SecureRandom;

/** Identifiers shaped like the seed's ({@code wi_abc123}): a prefix and 20 random base-32 characters. */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

  private Ids() {
  }

  public static String workItem() {
    return random("wi_");
  }

  public static String outcome() {
    return random("out_");
  }

  private static String random(String prefix) {
    byte[] bytes = new byte[20];
    RANDOM.nextBytes(bytes);
    StringBuilder sb = new StringBuilder(prefix.length() + bytes.length).append(prefix);
    for (byte b : bytes) {
      sb.append(ALPHABET[b & 31]);
    }
    return sb.toString();
  }
}
