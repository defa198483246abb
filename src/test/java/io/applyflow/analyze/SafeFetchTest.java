package io.applyflow.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetcher against a loopback server that records every request, with a resolver of its own (names of the
 * {@code .test} domain, RFC 2606, mapped to chosen addresses) that records every lookup.
 */
class SafeFetchTest {
  private static Vertx vertx;
  private static HttpServer server;
  private static final List<String> hits = new CopyOnWriteArrayList<>();
  private final List<String> lookups = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(SafeFetchTest::handle).listen(0, "127.0.0.1").await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @BeforeEach
  void clear() {
    hits.clear();
  }

  private static String origin() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  private static void handle(HttpServerRequest r) {
    hits.add(r.path() + " host=" + r.getHeader("host"));
    String path = r.path();
    if (path.equals("/page")) {
      r.response().putHeader("content-type", "text/html; charset=utf-8").end("<h1>Engineer</h1>");
    } else if (path.startsWith("/to/")) {
      r.response().setStatusCode(302).putHeader("location", path.substring(4).replace("~", "/")).end();
    } else if (path.matches("/hop/\\d+")) {
      int n = Integer.parseInt(path.substring(5));
      r.response().setStatusCode(301).putHeader("location", n == 0 ? "/page" : "/hop/" + (n - 1)).end();
    } else if (path.equals("/huge")) {
      r.response().putHeader("content-type", "text/html").end("x".repeat(3 * 1024 * 1024));
    } else if (path.equals("/huge-chunked")) {
      r.response().setChunked(true).putHeader("content-type", "text/html");
      for (int i = 0; i < 48; i++) {
        r.response().write("y".repeat(64 * 1024));
      }
      r.response().end();
    } else if (path.equals("/image")) {
      r.response().putHeader("content-type", "image/png").end("PNG");
    } else if (path.equals("/silent")) {
      // never answers
    } else {
      r.response().setStatusCode(404).end();
    }
  }

  private SafeFetch fetcher(List<String> allowed, Map<String, List<String>> names, SafeFetch.Limits limits) {
    SafeFetch.Resolver resolver = host -> {
      lookups.add(host);
      List<String> ips = names.get(host);
      if (ips == null) {
        throw new UnknownHostException(host);
      }
      List<InetAddress> out = new java.util.ArrayList<>();
      for (String ip : ips) {
        out.add(InetAddress.getByName(ip));
      }
      return out;
    };
    return new SafeFetch(vertx, new Addresses(allowed), limits, resolver);
  }

  private SafeFetch loopbackAllowed() {
    return fetcher(List.of("127.0.0.1/32"), Map.of("jobs.example.test", List.of("127.0.0.1"),
        "inside.example.test", List.of("10.0.0.7"), "rebind.example.test", List.of("93.184.216.34", "127.0.0.2")),
        SafeFetch.Limits.DEFAULT);
  }

  private static Failure.Coded refused(SafeFetch f, String url) {
    Throwable t = assertThrows(Throwable.class, () -> f.get(url).await(), url);
    assertTrue(t instanceof Failure.Coded, t.toString());
    return (Failure.Coded) t;
  }

  @Test
  void connectsToTheCheckedAddressWithTheNameAsHostLookingItUpOnce() {
    SafeFetch.Page page = loopbackAllowed().get("http://jobs.example.test:" + server.actualPort() + "/page").await();
    assertEquals("<h1>Engineer</h1>", page.text());
    assertEquals("text/html", page.mediaType());
    assertEquals(List.of("/page host=jobs.example.test:" + server.actualPort()), hits);
    assertEquals(List.of("jobs.example.test"), lookups);
  }

  @Test
  void refusesTheMetadataAddressWithoutLookingUpOrConnecting() {
    Failure.Coded e = refused(loopbackAllowed(), "http://169.254.169.254/latest/meta-data");
    assertEquals(Failure.BAD_INPUT, e.failure);
    assertTrue(e.getMessage().startsWith("169.254.169.254 is a link-local address"), e.getMessage());
    assertEquals(List.of(), lookups);
    assertTrue(refused(loopbackAllowed(), "http://metadata.google.internal/").getMessage().contains("metadata name"));
    assertEquals(List.of(), lookups, "a metadata name is refused before any lookup");
  }

  @Test
  void refusesANameThatResolvesToAForbiddenAddressBeforeConnecting() {
    String port = ":" + server.actualPort();
    Failure.Coded e = refused(loopbackAllowed(), "http://inside.example.test" + port + "/page");
    assertEquals("inside.example.test (10.0.0.7) is a private address; Applyflow does not fetch addresses on its own "
        + "machine or network, or cloud metadata services.", e.getMessage());
    // one forbidden address among several refuses the name: a later lookup could pick it
    assertTrue(refused(loopbackAllowed(), "http://rebind.example.test" + port + "/page").getMessage()
        .contains("(127.0.0.2) is a loopback address"));
    // strict rules: the loopback server itself is refused under a name that leads to it
    SafeFetch strict = fetcher(List.of(), Map.of("jobs.example.test", List.of("127.0.0.1")), SafeFetch.Limits.DEFAULT);
    assertTrue(refused(strict, "http://jobs.example.test" + port + "/page").getMessage().contains("loopback"));
    assertEquals(List.of(), hits, "nothing reached the server");
  }

  @Test
  void rechecksEveryRedirectTarget() {
    SafeFetch f = loopbackAllowed();
    Failure.Coded e = refused(f, origin() + "/to/http:~~169.254.169.254~latest~meta-data");
    assertEquals(Failure.BAD_INPUT, e.failure);
    assertTrue(e.getMessage().contains("redirected to http://169.254.169.254/latest/meta-data, which is refused: "
        + "169.254.169.254 is a link-local address"), e.getMessage());
    assertEquals(1, hits.size(), hits.toString());
    assertTrue(refused(f, origin() + "/to/http:~~inside.example.test~x").getMessage().contains("private address"));
    assertTrue(refused(f, origin() + "/to/file:~~~etc~passwd").getMessage().contains("only http and https"));
  }

  @Test
  void followsFiveRedirectsAndRefusesTheSixth() {
    SafeFetch f = loopbackAllowed();
    assertEquals("<h1>Engineer</h1>", f.get(origin() + "/hop/4").await().text()); // 5 redirects
    assertEquals(6, hits.size());
    assertTrue(refused(f, origin() + "/hop/5").getMessage().contains("redirected more than 5 times"));
  }

  @Test
  void refusesABodyOverTheLimitDeclaredOrNot() {
    SafeFetch f = loopbackAllowed();
    assertTrue(refused(f, origin() + "/huge").getMessage().contains("is larger than 2 MB"));
    assertTrue(refused(f, origin() + "/huge-chunked").getMessage().contains("is larger than 2 MB"));
  }

  @Test
  void refusesWhatIsNotAPageAndPagesThatAreNotThere() {
    SafeFetch f = loopbackAllowed();
    assertTrue(refused(f, origin() + "/image").getMessage().contains("is image/png, not a web page"));
    Failure.Coded missing = refused(f, origin() + "/nothing");
    assertEquals(Failure.BAD_INPUT, missing.failure);
    assertTrue(missing.getMessage().contains("answered 404"));
    assertTrue(refused(f, "http://unknown.example.test/").getMessage().contains("does not exist"));
  }

  @Test
  void givesUpOnAPageThatDoesNotAnswerInTime() {
    SafeFetch f = fetcher(List.of("127.0.0.1/32"), Map.of(), new SafeFetch.Limits(500, 1024, 5));
    assertTrue(refused(f, origin() + "/silent").getMessage().contains("did not answer within"));
  }
}
