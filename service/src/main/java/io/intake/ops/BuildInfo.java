package io.intake.ops;

/** Version of the running build, from the jar manifest ("dev" when run from classes). */
public final class BuildInfo {

  private BuildInfo() {
  }

  public static String version() {
    String version = BuildInfo.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
