package io.intake.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API keys each endpoint group accepts. Keys are held and compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, and every configured key is compared, so neither the position of
 * the first wrong character nor the length of a key shows in the time an answer takes.
 */
public final class ApiKeys {

  /** The key the shipped configuration accepts, so the quick start works; documented, never for production. */
  public static final String DEVELOPMENT_KEY = "development-key";

  private final Map<EndpointGroup, List<byte[]>> digests = new EnumMap<>(EndpointGroup.class);
  private final Map<EndpointGroup, Boolean> development = new EnumMap<>(EndpointGroup.class);

  /** @param keys group → accepted keys; a group with no keys is open (no key needed) */
  public ApiKeys(Map<EndpointGroup, List<String>> keys) {
    keys.forEach((group, list) -> {
      List<byte[]> hashed = new ArrayList<>();
      for (String key : list) {
        if (key != null && !key.isBlank()) {
          hashed.add(sha256(key.strip()));
        }
      }
      digests.put(group, hashed);
      development.put(group, list.contains(DEVELOPMENT_KEY));
    });
  }

  /** True when the group needs no key. */
  public boolean open(EndpointGroup group) {
    return group == EndpointGroup.OPEN || digests.getOrDefault(group, List.of()).isEmpty();
  }

  public boolean acceptsDevelopmentKey(EndpointGroup group) {
    return development.getOrDefault(group, false);
  }

  /**
   * @return who is calling, as a stable non-secret id of the key ({@code key:<digest prefix>}),
   *         when the presented key is one of the group's
   */
  public Optional<String> match(EndpointGroup group, String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] candidate = sha256(presented);
    boolean found = false;
    for (byte[] known : digests.getOrDefault(group, List.of())) {
      // No early exit: the time does not depend on which key matched.
      found |= MessageDigest.isEqual(known, candidate);
    }
    return found ? Optional.of(principal(candidate)) : Optional.empty();
  }

  private static String principal(byte[] digest) {
    return "key:" + HexFormat.of().formatHex(digest, 0, 8);
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
