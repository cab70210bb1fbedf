package io.intake.normalize;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A source's own names for services (routing keys, label values, tags, agent ids…) to ours,
 * case-insensitive. Unmapped names are used as they are, lower-cased, with spaces as hyphens.
 */
public final class ServiceMap {

  private final Map<String, String> byName = new HashMap<>();

  public ServiceMap(Map<String, String> names) {
    names.forEach((name, service) -> {
      if (service == null || service.isBlank()) {
        throw new IllegalArgumentException("service map entry '" + name + "' needs a service name");
      }
      byName.put(name.strip().toLowerCase(Locale.ROOT), service.strip());
    });
  }

  public static ServiceMap empty() {
    return new ServiceMap(Map.of());
  }

  public Optional<String> find(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name.strip().toLowerCase(Locale.ROOT)));
  }

  /** The mapped service, else the name itself in our form; null for a null or blank name. */
  public String map(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    return find(name).orElseGet(() -> slug(name));
  }

  static String slug(String name) {
    return name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
  }
}
