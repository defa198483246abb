package io.applyflow.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Node ids: what a restart reads from one to know whether the node that held a lease is gone. */
class LeasesTest {
  @Test
  void aNodeIdNamesItsPidAndHost() {
    String id = Leases.newNodeId();
    assertEquals(ProcessHandle.current().pid(), Leases.pidOf(id), id);
    assertTrue(id.contains("@" + Leases.hostOf(id) + "/"), id);
  }

  @Test
  void aForeignOrBrokenIdIsNeverTakenForThisHostsDeadNode() {
    assertNull(Leases.hostOf("node-a"));
    assertEquals(-1, Leases.pidOf("node-a"));
    assertEquals("vm", Leases.hostOf("123@vm/ab12cd34"));
    assertEquals(123, Leases.pidOf("123@vm/ab12cd34"));
    assertEquals(-1, Leases.pidOf("x@vm/ab12cd34"));
  }
}
