package io.intake.enrichment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Builds the configured list of stages from those registered with {@link ServiceLoader}. */
public final class EnrichmentStages {

  /** The default pipeline: pending → cleaned → embedded → indexed. */
  public static final List<String> DEFAULT = List.of(CleanStage.NAME, EmbedStage.NAME, IndexStage.NAME);

  private EnrichmentStages() {
  }

  /**
   * New instances of the named stages, in the given order.
   *
   * @throws IllegalArgumentException naming an unknown stage and the registered ones
   */
  public static List<EnrichmentStage> load(List<String> names, ClassLoader loader) {
    Map<String, EnrichmentStage> registered = new LinkedHashMap<>();
    for (EnrichmentStage stage : ServiceLoader.load(EnrichmentStage.class, loader)) {
      registered.putIfAbsent(stage.name(), stage);
    }
    List<EnrichmentStage> stages = new ArrayList<>(names.size());
    for (String name : names) {
      EnrichmentStage stage = registered.remove(name);
      if (stage == null) {
        throw new IllegalArgumentException("enrichment.stages: no stage named '" + name + "' (registered: "
            + String.join(", ", registeredNames(loader)) + "; each name once)");
      }
      stages.add(stage);
    }
    return stages;
  }

  private static List<String> registeredNames(ClassLoader loader) {
    List<String> names = new ArrayList<>();
    ServiceLoader.load(EnrichmentStage.class, loader).forEach(s -> names.add(s.name()));
    return names;
  }
}
