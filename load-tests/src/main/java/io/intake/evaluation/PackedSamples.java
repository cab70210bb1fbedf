package io.intake.evaluation;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The loghub samples packed with this module (resource folder {@code loghub}: HDFS, Linux, OpenSSH,
 * Zookeeper, 2,000 lines each, with their ground truth), as a directory whether the classes run
 * from a build tree or from the jar.
 */
public final class PackedSamples {

  /** Work on the samples' directory; the jar's file system is open only for the call. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(Path directory) throws IOException;
  }

  private PackedSamples() {
  }

  public static <T> T read(Reader<T> reader) throws IOException {
    URL url = PackedSamples.class.getResource("/loghub");
    if (url == null) {
      throw new IOException("no loghub samples on the class path");
    }
    URI uri;
    try {
      uri = url.toURI();
    } catch (URISyntaxException e) {
      throw new IOException("loghub samples at " + url, e);
    }
    if (!"jar".equals(uri.getScheme())) {
      return reader.read(Path.of(uri));
    }
    try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
      return reader.read(jar.getPath("/loghub"));
    }
  }
}
