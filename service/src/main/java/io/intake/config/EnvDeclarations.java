package io.intake.config;

import java.util.List;

/**
 * Environment variables declared outside this package, found with {@link java.util.ServiceLoader}
 * (listed in {@code META-INF/services}): each webhook source declares its own in its registry entry,
 * and the configuration must honour them without this package depending on the sources.
 */
public interface EnvDeclarations {

  List<EnvOverrides.Override> overrides();
}
