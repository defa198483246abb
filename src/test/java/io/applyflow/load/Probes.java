package io.applyflow.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Measuring instruments of the load harness: an open-loop HTTP load, many idle SSE clients, a child JVM's heap. */
final class Probes {
  private Probes() {
  }

  /** Latencies of an open-loop run: percentiles in ms, how many were sent, how many answered other than 200. */
  record Latency(double p50, double p99, double max, int sent, int errors, double achievedPerSecond,
                 java.util.Map<String, Integer> errorKinds) {
    @Override
    public String toString() {
      return String.format("p50 %.1f ms, p99 %.1f ms, max %.0f ms (%d requests at %.0f/s, %d not 200%s)", p50, p99,
          max, sent, achievedPerSecond, errors, errorKinds.isEmpty() ? "" : ": " + errorKinds);
    }
  }

  /**
   * Sends GET {@code url} at a fixed {@code perSecond} for {@code seconds} whatever the answers do (open loop: a
   * request's latency counts from the moment it was due, so a slow answer cannot hold back the next ones).
   */
  static Latency openLoop(String url, String token, int perSecond, int seconds) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .executor(Executors.newFixedThreadPool(8)).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(30)).GET().build();
    int total = perSecond * seconds;
    List<CompletableFuture<Long>> futures = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    java.util.Map<String, Integer> kinds = new java.util.concurrent.ConcurrentSkipListMap<>();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    long start = System.nanoTime() + 50_000_000L;
    long periodNs = 1_000_000_000L / perSecond;
    for (int i = 0; i < total; i++) {
      long due = start + i * periodNs;
      timer.schedule(() -> futures.add(http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
              .handle((res, t) -> {
                if (t != null || res.statusCode() != 200) {
                  errors.incrementAndGet();
                  Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null
                      ? t.getCause() : t;
                  kinds.merge(t == null ? "HTTP " + res.statusCode() : cause.getClass().getSimpleName(), 1,
                      Integer::sum);
                }
                return System.nanoTime() - due;
              })),
          due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
    timer.shutdown();
    timer.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
    List<Long> ns = new ArrayList<>();
    for (CompletableFuture<Long> f : new ArrayList<>(futures)) {
      ns.add(f.join());
    }
    double wall = (System.nanoTime() - start) / 1e9;
    Collections.sort(ns);
    return new Latency(ns.get(ns.size() / 2) / 1e6, ns.get(Math.min(ns.size() - 1, (int) (ns.size() * 0.99))) / 1e6,
        ns.get(ns.size() - 1) / 1e6, ns.size(), errors.get(), ns.size() / Math.max(seconds, wall - 0.05), kinds);
  }

  /**
   * {@code n} SSE clients on one selector thread: each sends {@code GET path} with the bearer token and keeps reading.
   * {@link #open()} says how many still have their connection open (the server has not closed it).
   */
  static final class SseClients implements AutoCloseable {
    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final AtomicInteger ok200 = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final Thread reader;
    private volatile boolean running = true;

    SseClients(int port, String path, String token, int n) throws IOException {
      selector = Selector.open();
      byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n"
          + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < n; i++) {
        SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        ch.write(ByteBuffer.wrap(request));
        ch.configureBlocking(false);
        ch.register(selector, SelectionKey.OP_READ, new boolean[1]);
        channels.add(ch);
      }
      reader = new Thread(this::read, "sse-clients");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      while (running) {
        try {
          selector.select(200);
          for (SelectionKey key : selector.selectedKeys()) {
            SocketChannel ch = (SocketChannel) key.channel();
            buf.clear();
            int read;
            try {
              read = ch.read(buf);
            } catch (IOException e) {
              read = -1;
            }
            boolean[] seen = (boolean[]) key.attachment();
            if (read > 0 && !seen[0]) {
              seen[0] = true;
              if (new String(buf.array(), 0, Math.min(read, 20), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200")) {
                ok200.incrementAndGet();
              }
            }
            if (read < 0) {
              closedByServer.incrementAndGet();
              key.cancel();
            }
          }
          selector.selectedKeys().clear();
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
          return;
        }
      }
    }

    int answered200() {
      return ok200.get();
    }

    int open() {
      return channels.size() - closedByServer.get();
    }

    @Override
    public void close() {
      running = false;
      for (SocketChannel ch : channels) {
        try {
          ch.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
      try {
        selector.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  /** A full GC of the JVM {@code pid} ({@code jcmd GC.run}), then its heap in use in KB ({@code jcmd GC.heap_info}). */
  static long heapAfterGcKb(long pid) {
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    Matcher m = USED.matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("jcmd GC.heap_info printed no 'used NK': " + info);
    }
    return Long.parseLong(m.group(1));
  }

  private static String jcmd(long pid, String command) {
    String javaHome = System.getProperty("java.home");
    try {
      Process p = new ProcessBuilder(javaHome + "/bin/jcmd", String.valueOf(pid), command).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("jcmd failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
