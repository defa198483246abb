package io.applyflow.platform.bus;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Items queued per key (a user) and taken in turns: each poll takes the oldest item of the key whose turn it is,
 * and that key goes to the back of the line. A key joins the line at the back with its first item and leaves it
 * when its queue is empty, so a key that queues a thousand items gets one turn per round like any other.
 * Not thread-safe: used on one event loop.
 */
public final class RoundRobin<K, V> {
  private final Map<K, ArrayDeque<V>> queues = new HashMap<>();
  private final ArrayDeque<K> turns = new ArrayDeque<>();
  private int size;

  public void add(K key, V value) {
    ArrayDeque<V> queue = queues.get(key);
    if (queue == null) {
      queue = new ArrayDeque<>();
      queues.put(key, queue);
      turns.addLast(key);
    }
    queue.addLast(value);
    size++;
  }

  /** The next item in turn order, or null when nothing is queued. */
  public V poll() {
    return poll(key -> true);
  }

  /**
   * The oldest item of the first key in turn order that {@code eligible} accepts, or null when there is none.
   * Keys passed over keep their place in the line.
   */
  public V poll(Predicate<K> eligible) {
    for (Iterator<K> it = turns.iterator(); it.hasNext(); ) {
      K key = it.next();
      if (!eligible.test(key)) {
        continue;
      }
      it.remove();
      ArrayDeque<V> queue = queues.get(key);
      V value = queue.pollFirst();
      size--;
      if (queue.isEmpty()) {
        queues.remove(key);
      } else {
        turns.addLast(key);
      }
      return value;
    }
    return null;
  }

  /** Items queued in all. */
  public int size() {
    return size;
  }

  /** Items queued for {@code key}. */
  public int size(K key) {
    ArrayDeque<V> queue = queues.get(key);
    return queue == null ? 0 : queue.size();
  }

  public boolean isEmpty() {
    return size == 0;
  }
}
