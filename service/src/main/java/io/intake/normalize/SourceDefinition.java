package io.intake.normalize;

import io.intake.config.ConfigSection;

import io.intake.security.EndpointGroup;
import io.intake.security.WebhookSignatures.Scheme;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything the program knows about one source of work items, declared once in
 * {@link SourceRegistry}: HTTP mounts its route from it, normalization builds its normalizer from
 * its configuration slice, security takes its signature scheme, the environment table its
 * variables, and the sender's answer is shaped by it.
 *
 * @param name       the source's name: the {@link SourceEvent#source()}, the slice
 *                   {@code normalization.sources.<name>} and, for a signed webhook,
 *                   {@code http.security.webhooks.<name>}
 * @param route      how senders reach it over HTTP; null for internal producers
 * @param auth       how its sender proves itself when secrets are configured; null when only the API key applies
 * @param normalizer builds the normalizer from the source's configuration slice, declaring each key it
 *                   reads with its default and rule (the only place they are declared)
 * @param answer     what the sender gets back
 * @param env        environment variables that override keys of its configuration
 */
public record SourceDefinition(String name, Route route, Auth auth, Function<ConfigSection, SourceNormalizer> normalizer,
    SourceAnswers.Shape answer, List<EnvSetting> env) {

  public SourceDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(normalizer, "normalizer");
    Objects.requireNonNull(answer, "answer");
    env = List.copyOf(env);
  }

  /**
   * {@code POST path} in an endpoint group; the body must be JSON and pass {@code schemas/<schema>.json}.
   */
  public record Route(String path, EndpointGroup group, String schema) {
  }

  /**
   * @param header             where the proof travels by default
   * @param headerConfigurable whether {@code http.security.webhooks.<name>.header} may move it
   *                           (shared secrets only: a signature's header is the vendor's)
   */
  public record Auth(Scheme scheme, String header, boolean headerConfigurable) {
  }

  /**
   * @param path dotted path in the configuration tree
   * @param kind a {@code config.EnvOverrides.Kind} name: STRING, INT, DOUBLE, BOOLEAN, MAP, LIST
   */
  public record EnvSetting(String env, String path, String kind) {
  }

  /** The source's configuration slice under {@code normalization.sources}. */
  public String configPath() {
    return "normalization.sources." + name;
  }

  /** Its webhook secrets' configuration under {@code http.security.webhooks}. */
  public String secretsPath() {
    return "http.security.webhooks." + name + ".secrets";
  }
}
