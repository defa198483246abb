package io.applyflow.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadinessTest {
  @Test
  void namesTheConfiguredRolesThatHaveNotDeployedOnThisNode() {
    Vertx vertx = Vertx.vertx();
    Vertx other = Vertx.vertx();
    try {
      assertEquals(Set.of("apply", "web"), Readiness.pending(vertx, List.of("web", "apply")));
      Readiness.deployed(vertx, List.of("web"));
      assertEquals(Set.of("apply"), Readiness.pending(vertx, List.of("web", "apply")));
      Readiness.deployed(vertx, List.of("apply"));
      assertTrue(Readiness.pending(vertx, List.of("web", "apply")).isEmpty());
      assertEquals(Set.of("web"), Readiness.pending(other, List.of("web")), "per node, not per JVM");
    } finally {
      vertx.close().await();
      other.close().await();
    }
  }

  @Test
  void readsTheVersionsOfTheMigrationsOnTheClasspathAsFlywayWritesThem() {
    assertEquals("18", Migrations.version("db/migration/V18__transitions_and_leases.sql"));
    assertEquals("1.2", Migrations.version("V1_2__x.sql"));
    assertNull(Migrations.version("db/migration/R__repeatable.sql"));
    assertNull(Migrations.version("db/migration/V3__x.sql.bak"));
    Set<String> found = Migrations.onClasspath();
    assertTrue(found.contains("1") && found.contains("18"), found.toString());
  }
}
