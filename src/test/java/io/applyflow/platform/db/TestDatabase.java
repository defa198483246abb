package io.applyflow.platform.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real embedded Postgres per test JVM, migrated by Flyway, shared by every integration test.
 * Tests isolate themselves by creating their own users, never by mocking or truncating.
 */
public final class TestDatabase {
  private static Database instance;

  private TestDatabase() {
  }

  public static synchronized Database shared() {
    if (instance == null) {
      try {
        Path dir = Files.createTempDirectory("applyflow-test-db");
        instance = Database.embedded(dir).migrate();
        Database db = instance;
        Runtime.getRuntime().addShutdownHook(new Thread(db::close));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }

  /**
   * A new, empty database of its own in the shared Postgres, migrated: for tests whose rows no running app may touch
   * (the shared app's stage workers claim every claimable job in the shared database).
   */
  public static synchronized Database fresh(String prefix) {
    Database shared = shared();
    String name = prefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_"
        + Long.toHexString(System.nanoTime());
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(shared.jdbcUrl(), "postgres", null);
         java.sql.Statement st = c.createStatement()) {
      st.execute("create database " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not create the test database " + name + ": " + e.getMessage(), e);
    }
    String url = shared.url();
    return Database.external(url.substring(0, url.lastIndexOf('/') + 1) + name).migrate();
  }
}
