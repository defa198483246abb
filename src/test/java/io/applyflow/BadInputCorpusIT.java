package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.applyflow.platform.db.TestDatabase;
import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bad-input corpus: every route of the app, API and pages, anonymous and as two users (bearer token, and a
 * browser session with its CSRF token for page forms), sent malformed JSON, wrong types, huge strings, NUL bytes,
 * control characters, deep nesting, oversized bodies, script payloads, path traversal, hostile {@code next} values,
 * unknown ids and the other user's ids. Each case says which status class it expects and which words the answer
 * must contain (the field or the limit it names); no case may ever get a 5xx, and a redirect never leaves the site.
 *
 * <p>The cases are the {@code *.tsv} files of {@code src/test/resources/bad-input/}, one case a line, tab-separated:
 * <pre>route  method  path  auth  body  expect  words</pre>
 * <ul>
 *   <li>{@code route}: the route the case exercises, as the router lists it ({@code GET /api/job/:job_id}); every
 *       route of the app must be named by at least one case; a route written {@code sandbox:GET /sandbox/login} is
 *       one of the sandbox board's own listener (its own origin), and the request goes there;</li>
 *   <li>{@code auth}: {@code -} (anonymous), {@code X} (an unknown bearer token), {@code A} / {@code B} (bearer token
 *       of user A / B), {@code s-} (a visitor's browser, not signed in, with its CSRF token; {@code s*} a fresh one
 *       for this case alone, e.g. to log in), {@code sA} / {@code sB}
 *       (A's / B's browser session, CSRF token sent), {@code sA!} (A's session without the CSRF token); {@code +hx}
 *       adds {@code HX-Request: true};</li>
 *   <li>{@code body}: {@code -}, {@code json:<text>}, {@code form:<urlencoded>} or {@code multipart:<urlencoded>}
 *       (each field a part; {@code @name.ext} in a name makes it a file);</li>
 *   <li>{@code expect}: {@code 400}, {@code 4xx}, {@code 2xx|3xx}, ...;</li>
 *   <li>{@code words}: comma-separated, each must appear in the body (for a redirect: the {@code Location}),
 *       case-insensitively; {@code !text} must not appear (a script payload must come back escaped); {@code hx}
 *       requires {@code HX-Retarget: #app-error}; {@code -} for none.</li>
 * </ul>
 * Placeholders: {@code {A_RUN}}, {@code {A_JOB}}, {@code {A_EMAIL}} (A's run, job and email), {@code {UNIQUE}} (a
 * fresh word, for a new account's email), {@code {x*N}} (character x repeated N times),
 * {@code {DEEP}} (10,000 nested arrays), {@code {DEEPOBJ}} (10,000 nested objects), {@code {FIELDS300}} (300 form
 * fields), {@code {EMAIL20K}} (a 20,000-character email built to make a backtracking regex slow). In form bodies a
 * placeholder's text is URL-encoded; paths and JSON take it as it is.
 */
class BadInputCorpusIT {
  private static final Path CORPUS = Paths.get("src/test/resources/bad-input");
  /** The route prefix of a case for the sandbox board's own listener. */
  private static final String SANDBOX = "sandbox:";
  private static final String PASSWORD = "correct horse 1";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Z0-9_]+|.\\*\\d+)}");
  private static final Pattern META_CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\"");

  private static Api api;
  private static final Map<String, String> ids = new HashMap<>();
  private static final Map<String, Identity> who = new HashMap<>();

  record Identity(String token, HttpClient client, String csrf) {
  }

  record Case(String file, int line, String route, String method, String path, String auth, String body,
              String expect, String words) {
    @Override
    public String toString() {
      return file + ":" + line + " " + method + " " + abbreviate(path) + " as " + auth + " body " + abbreviate(body);
    }
  }

  @BeforeAll
  static void twoUsersAndARun() throws Exception {
    api = TestApp.api();
    String emailA = Api.uniqueEmail("corpus-a");
    String emailB = Api.uniqueEmail("corpus-b");
    String a = api.userWithProfile(emailA);
    String b = api.userWithProfile(emailB);
    long runId = api.post("/api/search", a, new JsonObject().put("position", "Software Engineer").put("level", "mid")
        .put("limit", 1)).json().getLong("run_id");
    JsonObject run = api.awaitRun(runId, a, Duration.ofSeconds(180));
    assertTrue(run.getJsonArray("jobs").size() > 0, "A's run found a job: " + run.encode());
    ids.put("A_RUN", String.valueOf(runId));
    ids.put("A_JOB", String.valueOf(run.getJsonArray("jobs").getJsonObject(0).getLong("job_id")));
    ids.put("A_EMAIL", emailA);
    who.put("-", new Identity(null, client(), null));
    who.put("X", new Identity("made-up-token-" + UUID.randomUUID(), client(), null));
    who.put("s-", visitor());
    who.put("A", new Identity(a, client(), null));
    who.put("B", new Identity(b, client(), null));
    who.put("sA", session(emailA));
    who.put("sB", session(emailB));
  }

  /**
   * The corpus's deliberate wrong passwords come from 127.0.0.1, like every other test's requests: forget them, so the
   * log-in throttle does not hold back the test classes that run after this one on the shared app.
   */
  @AfterAll
  static void forgetTheWrongPasswords() {
    io.vertx.sqlclient.Pool pool = TestDatabase.shared().pool(TestApp.shared().vertx(), 1);
    try {
      pool.query("delete from login_failures where key like 'address:%'").execute().await();
    } finally {
      pool.close().await();
    }
  }

  @Test
  void everyRouteAnswersBadInputWithA4xxNamingTheProblemAndNeverA5xx() throws Exception {
    List<Case> cases = load();

    Set<String> routes = new LinkedHashSet<>(TestApp.shared().routes());
    TestApp.shared().sandboxRoutes().forEach(r -> routes.add(SANDBOX + r));
    Set<String> covered = cases.stream().map(Case::route).collect(Collectors.toSet());
    List<String> uncovered = routes.stream().filter(r -> !covered.contains(r)).toList();
    List<String> unknown = covered.stream().filter(r -> !routes.contains(r)).sorted().toList();

    Map<String, Integer> statuses = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      Answer answer;
      try {
        answer = send(c);
      } catch (Exception e) {
        failures.add(c + ": no answer (" + e + ")");
        continue;
      }
      statuses.merge(String.valueOf(answer.status), 1, Integer::sum);
      String problem = check(c, answer);
      if (problem != null) {
        failures.add(c + ": " + problem);
      }
    }
    System.out.printf("bad-input corpus: %d cases over %d routes; statuses seen: %s%n", cases.size(), routes.size(),
        statuses);
    List<String> problems = new ArrayList<>();
    if (!uncovered.isEmpty()) {
      problems.add("routes of the app without a case in " + CORPUS + " (add a line for each):\n  "
          + String.join("\n  ", uncovered));
    }
    if (!unknown.isEmpty()) {
      problems.add("cases name routes the app does not have:\n  " + String.join("\n  ", unknown));
    }
    if (cases.size() < 200) {
      problems.add("the corpus has at least 200 cases, not " + cases.size());
    }
    if (!failures.isEmpty()) {
      problems.add(failures.size() + " of " + cases.size() + " cases failed:\n  " + String.join("\n  ", failures));
    }
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems));
    }
    assertTrue(statuses.keySet().stream().noneMatch(s -> s.startsWith("5")), "no 5xx: " + statuses);
  }

  /** What is wrong with {@code a} as the answer to {@code c}, or null. */
  private static String check(Case c, Answer a) {
    if (a.status >= 500) {
      return "got " + a.status + " (never a 5xx): " + abbreviate(a.body);
    }
    if (a.status >= 300 && a.status < 400) {
      String to = a.location == null ? "" : a.location;
      if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
        return "redirects off the site, to '" + to + "'";
      }
    }
    boolean statusOk = false;
    for (String e : c.expect.split("\\|")) {
      String s = String.valueOf(a.status);
      if (e.endsWith("xx") ? s.charAt(0) == e.charAt(0) : s.equals(e)) {
        statusOk = true;
      }
    }
    if (!statusOk) {
      return "expected " + c.expect + ", got " + a.status + ": " + abbreviate(a.body);
    }
    if (!"-".equals(c.words)) {
      String haystack = (a.status >= 300 && a.status < 400 ? a.location + " " : "") + a.body;
      haystack = haystack.toLowerCase(Locale.ROOT);
      for (String w : c.words.split(",")) {
        String word = w.trim().toLowerCase(Locale.ROOT);
        if (word.startsWith("!")) {
          if (haystack.contains(word.substring(1))) {
            return "the answer must not contain '" + word.substring(1) + "' (" + a.status + "): " + abbreviate(a.body);
          }
        } else if (word.equals("hx")) {
          if (!"#app-error".equals(a.retarget)) {
            return "an htmx error must be retargeted into #app-error, HX-Retarget was " + a.retarget;
          }
        } else if (!haystack.contains(word)) {
          return "the answer does not name '" + word + "' (" + a.status + "): " + abbreviate(a.body);
        }
      }
    }
    return null;
  }

  // --- the corpus ---------------------------------------------------------------------------------------------

  private static List<Case> load() throws IOException {
    List<Case> cases = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(CORPUS)) {
      files = s.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
    }
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] col = line.split("\t", -1);
        if (col.length != 7) {
          fail(f.getFileName() + ":" + (i + 1) + " has " + col.length + " columns, not 7 (tab-separated): " + line);
        }
        cases.add(new Case(f.getFileName().toString(), i + 1, col[0].trim(), col[1].trim(), col[2].trim(),
            col[3].trim(), col[4], col[5].trim(), col[6].trim()));
      }
    }
    return cases;
  }

  /** {@code s} with its placeholders expanded; URL-encoded when {@code encode} (a form body). */
  private static String expand(String s, boolean encode) {
    Matcher m = PLACEHOLDER.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = placeholder(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(encode && !m.group(1).equals("FIELDS300")
          ? URLEncoder.encode(value, StandardCharsets.UTF_8) : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String placeholder(String name) {
    if (name.length() > 2 && name.charAt(1) == '*') {
      return String.valueOf(name.charAt(0)).repeat(Integer.parseInt(name.substring(2)));
    }
    return switch (name) {
      case "DEEP" -> "[".repeat(10_000) + "]".repeat(10_000);
      case "DEEPOBJ" -> "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
      case "FIELDS300" -> Stream.iterate(1, i -> i + 1).limit(300).map(i -> "f" + i + "=1")
          .collect(Collectors.joining("&"));
      case "EMAIL20K" -> "a@" + "a.".repeat(10_000) + "@";
      case "UNIQUE" -> UUID.randomUUID().toString().substring(0, 8);
      default -> {
        String v = ids.get(name);
        if (v == null) {
          throw new IllegalArgumentException("unknown placeholder {" + name + "}");
        }
        yield v;
      }
    };
  }

  // --- sending ------------------------------------------------------------------------------------------------

  record Answer(int status, String body, String location, String retarget) {
  }

  private static Answer send(Case c) throws IOException, InterruptedException {
    boolean htmx = c.auth.endsWith("+hx");
    String authName = htmx ? c.auth.substring(0, c.auth.length() - 3) : c.auth;
    boolean withCsrf = !authName.endsWith("!");
    Identity id = "s*".equals(authName) ? visitor()
        : who.get(withCsrf ? authName : authName.substring(0, authName.length() - 1));
    if (id == null) {
      throw new IllegalArgumentException("unknown auth " + c.auth);
    }
    String path = expand(c.path, false);
    String base = c.route.startsWith(SANDBOX) ? TestApp.shared().sandboxUrl() : api.base;
    URI uri;
    try {
      uri = new URI(base + path);
    } catch (URISyntaxException e) {
      return raw(base, c.method, path); // a request line no URI class accepts (a malformed escape): sent byte for byte
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90));
    HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
    String body = c.body.trim();
    boolean session = id.csrf != null;
    if (body.startsWith("json:")) {
      publisher = HttpRequest.BodyPublishers.ofString(expand(body.substring(5), false));
      b.header("content-type", "application/json");
      if (session && withCsrf) {
        b.header("X-CSRF-Token", id.csrf);
      }
    } else if (body.startsWith("form:")) {
      String form = expand(body.substring(5), true);
      if (session && withCsrf) {
        form = (form.isEmpty() ? "" : form + "&") + "_csrf=" + URLEncoder.encode(id.csrf, StandardCharsets.UTF_8);
      }
      publisher = HttpRequest.BodyPublishers.ofString(form);
      b.header("content-type", "application/x-www-form-urlencoded");
    } else if (body.startsWith("multipart:")) {
      String boundary = "corpus" + UUID.randomUUID().toString().replace("-", "");
      StringBuilder mp = new StringBuilder();
      List<String> fields = new ArrayList<>(List.of(expand(body.substring(10), true).split("&")));
      if (session && withCsrf) {
        fields.add("_csrf=" + URLEncoder.encode(id.csrf, StandardCharsets.UTF_8));
      }
      for (String field : fields) {
        int eq = field.indexOf('=');
        String name = URLDecoder.decode(field.substring(0, eq), StandardCharsets.UTF_8);
        String value = URLDecoder.decode(field.substring(eq + 1), StandardCharsets.UTF_8);
        mp.append("--").append(boundary).append("\r\n");
        if (name.contains("@")) {
          String[] nf = name.split("@", 2);
          mp.append("Content-Disposition: form-data; name=\"").append(nf[0]).append("\"; filename=\"").append(nf[1])
              .append("\"\r\nContent-Type: application/pdf\r\n\r\n");
        } else {
          mp.append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n");
        }
        mp.append(value).append("\r\n");
      }
      mp.append("--").append(boundary).append("--\r\n");
      publisher = HttpRequest.BodyPublishers.ofString(mp.toString());
      b.header("content-type", "multipart/form-data; boundary=" + boundary);
    } else if (!body.equals("-")) {
      throw new IllegalArgumentException("unknown body kind: " + abbreviate(body));
    } else if (session && withCsrf) {
      b.header("X-CSRF-Token", id.csrf); // a form with no fields: the token goes in the header, as htmx sends it
    }
    if (id.token != null) {
      b.header("Authorization", "Bearer " + id.token);
    }
    if (htmx) {
      b.header("HX-Request", "true");
    }
    b.method(c.method, publisher);
    HttpResponse<InputStream> r = id.client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    String text;
    try (InputStream in = r.body()) {
      // a live stream (SSE) never ends: its first answer is all a case needs
      text = r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream") ? ""
          : new String(in.readNBytes(4 * 1024 * 1024), StandardCharsets.UTF_8);
    }
    return new Answer(r.statusCode(), text, r.headers().firstValue("location").orElse(null),
        r.headers().firstValue("HX-Retarget").orElse(null));
  }

  /** One request over a plain socket, for a request line that {@link URI} refuses. */
  private static Answer raw(String origin, String method, String path) throws IOException {
    URI base = URI.create(origin);
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nConnection: close\r\n"
          + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      int bodyAt = response.indexOf("\r\n\r\n");
      Matcher loc = Pattern.compile("(?im)^location: *(.*)\r$").matcher(response);
      return new Answer(status, bodyAt < 0 ? "" : response.substring(bodyAt + 4), loc.find() ? loc.group(1) : null,
          null);
    }
  }

  private static HttpClient client() {
    CookieManager cookies = new CookieManager();
    cookies.setCookiePolicy(CookiePolicy.ACCEPT_ALL);
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
        .cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** A visitor's browser, not signed in, with the CSRF token of the log-in page. */
  private static Identity visitor() throws IOException, InterruptedException {
    HttpClient c = client();
    return new Identity(null, c, csrfOf(c, "/login"));
  }

  /** A browser-like session of {@code email}: the log-in page's form, then the CSRF token of a signed-in page. */
  private static Identity session(String email) throws IOException, InterruptedException {
    HttpClient c = client();
    String csrf = csrfOf(c, "/login");
    String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
    HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(api.base + "/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(303, r.statusCode(), "log-in of " + email + ": " + r.body());
    return new Identity(null, c, csrfOf(c, "/profile"));
  }

  private static String csrfOf(HttpClient c, String page) throws IOException, InterruptedException {
    HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(api.base + page)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), page + ": " + r.body());
    Matcher m = META_CSRF.matcher(r.body());
    assertTrue(m.find(), page + " carries the CSRF token in <meta name=csrf-token>");
    return m.group(1);
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    String one = s.replace("\n", "\\n").replace("\r", "\\r");
    return one.length() <= 160 ? one : one.substring(0, 160) + "... (" + s.length() + " chars)";
  }
}
