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
}
