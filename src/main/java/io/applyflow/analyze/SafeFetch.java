package io.applyflow.analyze;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fetches a page someone pasted the URL of, without letting that URL reach what it must not (server-side request
 * forgery). For each URL, the first and every redirect's target:
 * <ol>
 *   <li>only http(s), no user info, a host ({@link Addresses#target}); a cloud metadata or private-use name, or a
 *       literal address that {@link Addresses} refuses, is refused here, before any lookup;</li>
 *   <li>the name is resolved once, by us (on a worker thread: the JDK resolver blocks); every address it resolves
 *       to must pass {@link Addresses} or the URL is refused;</li>
 *   <li>the connection goes to the checked address itself ({@link RequestOptions#setServer}), with the name only as
 *       the {@code Host} header and the TLS server name, so a second lookup (DNS rebinding) cannot send it
 *       elsewhere;</li>
 *   <li>a redirect ({@code 301 302 303 307 308} with a {@code Location}) is followed by this code, at most
 *       {@link Limits#maxRedirects} times, each target checked from step 1.</li>
 * </ol>
 * Limits: one deadline for the whole fetch, redirects included (connect included); the body at most
 * {@link Limits#maxBytes} (a larger {@code Content-Length} is refused before reading, a longer body is cut off and
 * refused); only {@code text/html}, {@code application/json}, {@code application/ld+json} and {@code text/plain}.
 * Every refusal, and a page that cannot be reached or does not answer 2xx, is BAD_INPUT naming the problem (the URL
 * is the user's: a 400 tells them to check it).
 * Runs on the caller's event loop; thread-safe.
 */
public final class SafeFetch {
  public static final Set<String> TYPES = Set.of("text/html", "application/json", "application/ld+json",
      "text/plain");
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  /** The limits of one fetch. */
  public record Limits(long timeoutMs, long maxBytes, int maxRedirects) {
    public static final Limits DEFAULT = new Limits(10_000, 2L * 1024 * 1024, 5);
  }

  /** Looks a name up; blocking (it runs on a worker). */
  public interface Resolver {
    Resolver SYSTEM = host -> Arrays.asList(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  /** A fetched document: where it was read from (after redirects), its media type and charset, and its bytes. */
  public record Page(String url, String mediaType, Charset charset, byte[] body) {
    public String text() {
      return new String(body, charset == null ? java.nio.charset.StandardCharsets.UTF_8 : charset);
    }
  }

  private final Vertx vertx;
  private final Addresses addresses;
  private final Limits limits;
  private final Resolver resolver;
  private final HttpClient client;

  public SafeFetch(Vertx vertx, Addresses addresses, Limits limits, Resolver resolver) {
    this.vertx = vertx;
    this.addresses = addresses;
    this.limits = limits;
    this.resolver = resolver;
    // no pooled connection is reused: each request connects to the address checked for it
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setVerifyHost(true)
        .setConnectTimeout((int) limits.timeoutMs()).setDecompressionSupported(true));
  }

  /** GETs {@code url} under the rules above. */
  public Future<Page> get(String url) {
    Promise<Page> done = Promise.promise();
    AtomicReference<HttpClientRequest> current = new AtomicReference<>();
    long timer = vertx.setTimer(limits.timeoutMs(), id -> {
      if (done.tryFail(Failure.BAD_INPUT.with("url: " + url + " did not answer within " + limits.timeoutMs() / 1000
          + " s"))) {
        HttpClientRequest req = current.get();
        if (req != null) {
          req.reset();
        }
      }
    });
    step(url, url, 0, current, done);
    return done.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  private void step(String original, String url, int hops, AtomicReference<HttpClientRequest> current,
      Promise<Page> done) {
    if (done.future().isComplete()) {
      return; // the deadline passed: no further redirect is followed
    }
    Future.<Addresses.Target>future(p -> p.complete(addresses.target(url)))
        .recover(t -> Future.failedFuture(hops == 0 ? t : redirected(original, url, t)))
        .compose(target -> address(target).recover(t -> Future.failedFuture(hops == 0 ? t : redirected(original, url,
            t))).compose(ip -> request(target, ip, current)).compose(resp -> {
              if (done.future().isComplete()) {
                discard(resp); // the deadline passed while connecting
                return Future.succeededFuture();
              }
              String location = resp.getHeader("location");
              if (REDIRECTS.contains(resp.statusCode()) && location != null) {
                discard(resp);
                if (hops >= limits.maxRedirects()) {
                  return Future.failedFuture(Failure.BAD_INPUT.with("url: " + original + " redirected more than "
                      + limits.maxRedirects() + " times"));
                }
                String next;
                try {
                  next = target.uri().resolve(location.strip()).toString();
                } catch (IllegalArgumentException e) {
                  return Future.failedFuture(Failure.BAD_INPUT.with("url: " + original
                      + " redirected to a malformed location"));
                }
                step(original, next, hops + 1, current, done);
                return Future.succeededFuture();
              }
              return body(url, resp).onSuccess(done::tryComplete);
            }))
        .onFailure(done::tryFail);
  }

  private static Failure.Coded redirected(String original, String url, Throwable t) {
    Failure f = Failure.of(t);
    String message = t.getMessage() == null ? "" : t.getMessage().replaceFirst("^url: ", "");
    return (f == Failure.INTERNAL ? Failure.BAD_INPUT : f).with("url: " + original + " redirected to " + url
        + ", which is refused: " + message);
  }

  /** The address to connect to: the literal itself, or the name resolved once with every address checked. */
  private Future<InetAddress> address(Addresses.Target target) {
    if (target.literal() != null) {
      return Future.succeededFuture(target.literal());
    }
    return vertx.executeBlocking(() -> {
      List<InetAddress> all;
      try {
        all = resolver.resolve(target.host());
      } catch (UnknownHostException e) {
        throw Failure.BAD_INPUT.with("url: the host " + target.host() + " does not exist (no address for its name)");
      }
      if (all == null || all.isEmpty()) {
        throw Failure.BAD_INPUT.with("url: the host " + target.host() + " has no address");
      }
      for (InetAddress a : all) {
        addresses.check(a, target.host()); // one refused address refuses the name: a rebinding could pick it
      }
      return all.get(0);
    }, false);
  }

  private Future<HttpClientResponse> request(Addresses.Target target, InetAddress ip,
      AtomicReference<HttpClientRequest> current) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(target.host())
        .setPort(target.port()).setSsl(target.https()).setURI(target.pathAndQuery())
        .setServer(SocketAddress.inetSocketAddress(target.port(), ip.getHostAddress()))
        .setFollowRedirects(false).setConnectTimeout(limits.timeoutMs()).setIdleTimeout(limits.timeoutMs())
        .putHeader("user-agent", "Applyflow/0.1").putHeader("accept", "text/html, application/ld+json;q=0.9, application/json;q=0.9, text/plain;q=0.8");
    return client.request(options)
        .recover(t -> Future.failedFuture(t instanceof Failure.Coded ? t
            : Failure.BAD_INPUT.with("url: could not connect to " + target.host() + ": " + message(t))))
        .compose(req -> {
          current.set(req);
          return req.send().onComplete(ar -> io.applyflow.platform.metrics.Metrics.httpCall("fetch", ar.succeeded() && ar.result().statusCode() < 500))
              .recover(t -> Future.failedFuture(Failure.BAD_INPUT.with("url: " + target.host()
              + " did not answer: " + message(t))));
        });
  }

  private Future<Page> body(String url, HttpClientResponse resp) {
    int status = resp.statusCode();
    if (status / 100 != 2) {
      discard(resp);
      return Future.failedFuture(Failure.BAD_INPUT.with("url: " + url
          + " answered " + status + (status == 404 ? " (no page there)" : "")));
    }
    String contentType = resp.getHeader("content-type");
    String media = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!TYPES.contains(media)) {
      discard(resp);
      return Future.failedFuture(Failure.BAD_INPUT.with("url: " + url + " is "
          + (media.isEmpty() ? "of no stated type" : media) + ", not a web page (HTML, JSON or plain text)"));
    }
    String length = resp.getHeader("content-length");
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > limits.maxBytes()) {
      discard(resp);
      return Future.failedFuture(tooBig(url));
    }
    Promise<Page> page = Promise.promise();
    Buffer buffer = Buffer.buffer();
    resp.handler(chunk -> {
      if (page.future().isComplete()) {
        return;
      }
      if (buffer.length() + chunk.length() > limits.maxBytes()) {
        page.tryFail(tooBig(url));
        resp.request().reset();
      } else {
        buffer.appendBuffer(chunk);
      }
    });
    resp.exceptionHandler(t -> page.tryFail(Failure.BAD_INPUT.with("url: reading " + url + " failed: " + message(t))));
    resp.endHandler(v -> page.tryComplete(new Page(url, media, charset(contentType), buffer.getBytes())));
    return page.future();
  }

  /** Stops reading a response not wanted (the reset it causes is expected, not an error to log). */
  private static void discard(HttpClientResponse resp) {
    resp.exceptionHandler(t -> { });
    resp.request().reset();
  }

  private Failure.Coded tooBig(String url) {
    return Failure.BAD_INPUT.with("url: " + url + " is larger than " + limits.maxBytes() / (1024 * 1024)
        + " MB; Applyflow reads job pages up to that size");
  }

  private static Charset charset(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String param : contentType.split(";")) {
      String p = param.strip();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        try {
          return Charset.forName(p.substring(8).replace("\"", "").strip());
        } catch (RuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static String message(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
