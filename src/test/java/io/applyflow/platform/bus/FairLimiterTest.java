package io.applyflow.platform.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fair limiter and its gate, driven by hand: each task is a promise the test completes, so the order in which
 * tasks start is observed exactly, with no clock involved.
 */
class FairLimiterTest {
  /** Tasks started and not yet completed, in start order; every start is also recorded by name. */
  private final ArrayDeque<Promise<String>> inFlight = new ArrayDeque<>();
  private final List<String> started = new ArrayList<>();

  private java.util.function.Supplier<Future<String>> task(String name) {
    return () -> {
      started.add(name);
      Promise<String> p = Promise.promise();
      inFlight.add(p);
      return p.future();
    };
  }

  private void finishOldest() {
    inFlight.poll().complete("ok");
  }

  @Test
  void queuedTasksAreServedRoundRobinAcrossUsers() {
    FairLimiter<String> limiter = new FairLimiter<>(1, 10, 100);
    limiter.run("a", task("a0"));
    for (String name : List.of("a1", "a2", "a3", "b1", "b2", "c1")) {
      limiter.run(name.substring(0, 1), task(name));
    }
    while (!inFlight.isEmpty()) {
      finishOldest();
    }
    assertEquals(List.of("a0", "a1", "b1", "c1", "a2", "b2", "a3"), started);
  }

  @Test
  void aFloodByOneUserDelaysAnotherUsersFirstTaskByAtMostOneTurn() {
    FairLimiter<String> limiter = new FairLimiter<>(2, 100, 1000);
    for (int i = 0; i < 52; i++) {
      limiter.run("flood", task("flood" + i));
    }
    assertEquals(2, limiter.running());
    assertEquals(50, limiter.queued("flood"));
    limiter.run("late", task("late"));
    int before = started.size();
    while (!started.contains("late")) {
      finishOldest();
    }
    // the slot freed first goes to the flood's next task (its turn); the one after that is the latecomer's
    long floodStartedMeanwhile = started.subList(before, started.size()).stream().filter(n -> n.startsWith("flood"))
        .count();
    assertTrue(floodStartedMeanwhile <= 1, "flood tasks started before the latecomer's: " + started);
  }

  @Test
  void boundsArePerUserAndInAllAndARefusedTaskIsNotQueued() {
    FairLimiter<String> limiter = new FairLimiter<>(1, 2, 3);
    limiter.run("a", task("a0"));
    limiter.run("a", task("a1"));
    limiter.run("a", task("a2"));
    assertFalse(limiter.hasRoom("a"), "a has 2 queued, its bound");
    assertThrows(IllegalStateException.class, () -> limiter.run("a", task("a3")));
    assertEquals(2, limiter.queued("a"));
    assertTrue(limiter.hasRoom("b"));
    limiter.run("b", task("b0"));
    assertFalse(limiter.hasRoom("b"), "3 queued in all, the total bound");
    assertFalse(limiter.hasRoom("c"));
    assertTrue(limiter.full());
    assertThrows(IllegalStateException.class, () -> limiter.run("c", task("c0")));
    assertEquals(3, limiter.queued());
    finishOldest(); // a0 ends, a1 starts: one queued place frees
    assertFalse(limiter.full());
    assertTrue(limiter.hasRoom("c"));
    assertFalse(started.contains("a3"));
    assertFalse(started.contains("c0"));
  }

  @Test
  void aFailingTaskReleasesItsSlot() {
    FairLimiter<String> limiter = new FairLimiter<>(1, 5, 5);
    Future<String> thrown = limiter.run("a", () -> {
      throw new IllegalStateException("boom");
    });
    assertTrue(thrown.failed());
    assertEquals(0, limiter.running());
    Promise<String> failing = Promise.promise();
    Future<String> failed = limiter.run("a", () -> failing.future());
    Future<String> next = limiter.run("b", task("b0"));
    assertEquals(List.of(), started, "b0 waits for the slot");
    failing.fail("stage said no");
    assertTrue(failed.failed());
    assertEquals(List.of("b0"), started, "the failure freed the slot for the next task");
    finishOldest();
    assertTrue(next.succeeded());
    assertEquals(0, limiter.running());
  }

  @Test
  void theGateHoldsWhatFindsNoRoomAndLetsEverythingInFairlyWithinTheBounds() {
    int max = 3;
    int perUser = 2;
    int total = 4;
    FairLimiter<String> limiter = new FairLimiter<>(max, perUser, total);
    FairGate<String> gate = new FairGate<>(limiter);
    Map<String, Integer> perUserCount = Map.of("a", 40, "b", 5, "c", 1, "d", 12);
    List<Future<String>> all = new ArrayList<>();
    perUserCount.forEach((user, n) -> {
      for (int i = 0; i < n; i++) {
        all.add(gate.run(user, task(user + i)));
      }
    });
    assertTrue(gate.held() > 0, "some work was held back");
    int maxRunning = 0;
    while (!inFlight.isEmpty()) {
      maxRunning = Math.max(maxRunning, limiter.running());
      assertTrue(limiter.queued() <= total, "queued " + limiter.queued());
      for (String user : perUserCount.keySet()) {
        assertTrue(limiter.queued(user) <= perUser, user + " queued " + limiter.queued(user));
      }
      finishOldest();
    }
    assertEquals(max, maxRunning);
    assertTrue(all.stream().allMatch(Future::succeeded));
    assertEquals(58, started.size());
    assertEquals(58, new HashSet<>(started).size(), "each task ran once");
    // each user's tasks ran in the order they were given
    for (String user : perUserCount.keySet()) {
      List<String> mine = started.stream().filter(n -> n.startsWith(user)).toList();
      for (int i = 0; i < mine.size(); i++) {
        assertEquals(user + i, mine.get(i));
      }
    }
    // c's only task and b's last one did not wait for the flood of a to drain
    assertTrue(started.indexOf("c0") < started.indexOf("a20"), started.toString());
    assertTrue(started.indexOf("b4") < started.indexOf("a20"), started.toString());
  }

  @Test
  void tasksThatEndAtOnceDoNotDeepenTheStack() {
    FairGate<Integer> gate = new FairGate<>(new FairLimiter<>(1, 1, 1));
    Promise<Void> first = Promise.promise();
    gate.run(0, () -> first.future());
    List<Future<Integer>> all = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      int n = i;
      all.add(gate.run(i % 7, () -> Future.succeededFuture(n)));
    }
    first.complete();
    assertTrue(all.stream().allMatch(Future::succeeded));
    assertEquals(0, gate.held());
    assertEquals(0, gate.limiter().running());
  }

  @Test
  void roundRobinPassesOverIneligibleKeysWithoutMovingThem() {
    RoundRobin<String, Integer> rr = new RoundRobin<>();
    rr.add("a", 1);
    rr.add("a", 2);
    rr.add("b", 3);
    rr.add("c", 4);
    assertEquals(3, rr.poll(k -> !k.equals("a")));
    assertEquals(1, rr.poll(), "a kept its place at the front");
    assertEquals(4, rr.poll());
    assertEquals(2, rr.poll());
    assertEquals(null, rr.poll());
    assertTrue(rr.isEmpty());
    Set<String> none = new HashSet<>();
    rr.add("x", 9);
    assertEquals(null, rr.poll(none::contains));
    assertEquals(1, rr.size("x"));
  }
}
