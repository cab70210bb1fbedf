package io.intake.normalize;

import io.intake.config.EnvDeclarations;
import io.intake.config.EnvOverrides;
import java.util.List;

/** The environment variables the registered sources declare (secrets, service maps). */
public final class SourceEnvDeclarations implements EnvDeclarations {

  @Override
  public List<EnvOverrides.Override> overrides() {
    return SourceRegistry.envSettings().stream()
        .map(e -> new EnvOverrides.Override(e.env(), e.path(), EnvOverrides.Kind.valueOf(e.kind())))
        .toList();
  }
}
