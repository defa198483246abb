package io.applyflow.ops;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The versions of the Flyway migrations on the classpath ({@code db/migration/V<n>__<name>.sql}, in a folder or in
 * the jar): what {@code /ready} compares with {@code flyway_schema_history}. Flyway's own {@code info()} would say the
 * same but needs a blocking JDBC connection and the database's credentials, which the web role does not hold.
 */
public final class Migrations {
  private static final Pattern VERSIONED = Pattern.compile("(?:^|/)V(\\d+(?:[._]\\d+)*)__[^/]*\\.sql$");
  private static volatile Set<String> onClasspath;

  private Migrations() {
  }

  /** The versions on the classpath, e.g. {@code 1, 2, ... 18} (read once; blocking: call off the event loop). */
  public static Set<String> onClasspath() {
    Set<String> found = onClasspath;
    if (found == null) {
      found = scan();
      onClasspath = found;
    }
    return found;
  }

  /** A migration's version as Flyway writes it in {@code flyway_schema_history.version} ({@code V1_2} is 1.2). */
  static String version(String fileName) {
    Matcher m = VERSIONED.matcher(fileName);
    return m.find() ? m.group(1).replace('_', '.') : null;
  }

  private static Set<String> scan() {
    Set<String> out = new TreeSet<>();
    try {
      Enumeration<URL> roots = Migrations.class.getClassLoader().getResources("db/migration");
      while (roots.hasMoreElements()) {
        URL root = roots.nextElement();
        if ("file".equals(root.getProtocol())) {
          try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
            files.map(p -> version(p.getFileName().toString())).filter(v -> v != null).forEach(out::add);
          }
        } else if ("jar".equals(root.getProtocol())) {
          JarURLConnection connection = (JarURLConnection) root.openConnection();
          connection.setUseCaches(false);
          try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
              String name = e.nextElement().getName();
              if (name.startsWith("db/migration/")) {
                String v = version(name);
                if (v != null) {
                  out.add(v);
                }
              }
            }
          }
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("could not list the migrations on the classpath: " + e.getMessage(), e);
    }
    return Set.copyOf(out);
  }
}
