package io.applyflow.apply;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import io.applyflow.platform.web.Inputs;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser side of {@link AllowedOrigins}: a route on the page that aborts every request that is not http(s) and
 * every navigation (the top frame's and sub-frames') to a place the list does not allow, before it leaves the browser.
 * Subresources over http(s) (scripts, styles, fonts, images, fetches) stay allowed: real ATS pages load CDNs. Popups
 * are closed. Playwright cannot intercept a redirect, so a top-frame redirect to an off-list origin is noticed when
 * its request starts and recorded the same way: whoever drives the page asks {@link #refusedPage()} and stops.
 *
 * <p>Threading: its handlers run on the Playwright thread of the page, like everything else done with the page.
 */
final class NavigationGuard {
  private static final Logger log = LoggerFactory.getLogger(NavigationGuard.class);

  private final AllowedOrigins allowed;
  private final List<String> refusedPages = new CopyOnWriteArrayList<>();
  private final List<String> refusedFrames = new CopyOnWriteArrayList<>();
  private final List<Posted> posts = new CopyOnWriteArrayList<>();
  /** The address named by the last 428 answer that asked for an email security code, or null. */
  private volatile String securityCodeRecipient;

  /**
   * A POST the page sent to an allowed origin (a form submission: a document, fetch or XHR request) and how it was
   * answered: the status, and the receipt its JSON answer named ({@link Receipts}), if any.
   */
  record Posted(String url, int status, String receipt) {
    boolean accepted() {
      return status >= 200 && status < 400;
    }
  }

  private NavigationGuard(AllowedOrigins allowed) {
    this.allowed = allowed;
  }

  /** Guards {@code page} from now on. */
  static NavigationGuard install(Page page, AllowedOrigins allowed) {
    NavigationGuard guard = new NavigationGuard(allowed);
    page.route(url -> true, guard::handle);
    page.onRequest(guard::watch);
    page.onResponse(guard::documentPost);
    page.onPopup(popup -> {
      log.info("closing a popup the page opened: {}", Inputs.shown(popup.url()));
      popup.close();
    });
    return guard;
  }

  /** The first top-frame navigation refused, as "url: why", or null when there was none. */
  String refusedPage() {
    return refusedPages.isEmpty() ? null : refusedPages.get(0);
  }

  /** The POSTs answered so far, oldest first. */
  List<Posted> posts() {
    return List.copyOf(posts);
  }

  /**
   * The address the board sent a security code to, from the last form POST answered 428 with a JSON
   * {@code security_code_recipient} (Greenhouse's renderer, EXTERNAL_APIS.md §2.4); null when none was.
   */
  String securityCodeRecipient() {
    return securityCodeRecipient;
  }

  /** Sub-frame navigations refused (a frame left empty), as "url: why". */
  List<String> refusedFrames() {
    return List.copyOf(refusedFrames);
  }

  private void handle(Route route) {
    Request request = route.request();
    String url = request.url();
    String lower = url.toLowerCase(Locale.ROOT);
    boolean navigation = isNavigation(request);
    String why = null;
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      why = "only http and https requests leave the browser";
    } else if (navigation) {
      why = isTopFrame(request) ? allowed.refusal(url) : allowed.frameRefusal(url);
    }
    if (why == null && isFormPost(request, url)) {
      forwardPost(route, request);
      return;
    }
    if (why == null) {
      route.resume();
      return;
    }
    record(request, url, why);
    route.abort("blockedbyclient");
  }

  /** A fetch or XHR POST to an allowed origin: what a hosted form's submission is. */
  private boolean isFormPost(Request request, String url) {
    String type = request.resourceType();
    return "POST".equalsIgnoreCase(request.method()) && ("fetch".equals(type) || "xhr".equals(type))
        && allowed.allows(url);
  }

  /**
   * Sends a form's fetch/XHR POST on the page's behalf and hands the page the answer unchanged, so its body can be
   * read (the page navigates away as soon as it has read it, and the browser then forgets it). Redirects are not
   * followed here: the page's own request follows them, through this guard.
   */
  private void forwardPost(Route route, Request request) {
    APIResponse answer;
    try {
      answer = route.fetch(new Route.FetchOptions().setMaxRedirects(0));
    } catch (PlaywrightException e) {
      log.info("the form's POST to {} failed: {}", Inputs.shown(request.url()), e.getMessage());
      route.abort("failed");
      return;
    }
    String receipt = null;
    try {
      String type = answer.headers().getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
      if (answer.status() >= 200 && answer.status() < 300 && type.contains("json")) {
        receipt = Receipts.of(answer.text(), null);
      }
      if (answer.status() == 428 && type.contains("json")) {
        String recipient = SecurityCodeStep.recipientOf(answer.text());
        if (recipient != null) {
          securityCodeRecipient = recipient;
        }
      }
      posts.add(new Posted(request.url(), answer.status(), receipt));
      log.info("the form's POST to {} answered {}{}", Inputs.shown(request.url()), answer.status(),
          receipt == null ? "" : " (receipt " + receipt + ")");
      route.fulfill(new Route.FulfillOptions().setResponse(answer));
    } finally {
      answer.dispose();
    }
  }

  /** A document POST (the classic form's submission): its status; its body is a page, so there is no receipt. */
  private void documentPost(Response response) {
    try {
      Request request = response.request();
      if ("POST".equalsIgnoreCase(request.method()) && "document".equals(request.resourceType())
          && allowed.allows(response.url())) {
        posts.add(new Posted(response.url(), response.status(), null));
        log.info("the form's POST to {} answered {}", Inputs.shown(response.url()), response.status());
      }
    } catch (PlaywrightException e) {
      log.debug("could not read a POST's answer: {}", e.getMessage());
    }
  }

  /** A redirect the route could not see: a top-frame navigation request already on its way to an off-list place. */
  private void watch(Request request) {
    if (request.redirectedFrom() == null || !isNavigation(request) || !isTopFrame(request)) {
      return;
    }
    String why = allowed.refusal(request.url());
    if (why != null) {
      record(request, request.url(), "a redirect led there: " + why);
    }
  }

  private void record(Request request, String url, String why) {
    String entry = Inputs.shown(url) + ": " + why;
    if (isNavigation(request) && isTopFrame(request)) {
      log.warn("refused to open {}", entry);
      refusedPages.add(entry);
    } else if (isNavigation(request)) {
      log.info("refused a frame: {}", entry);
      refusedFrames.add(entry);
    } else {
      log.info("refused a request: {}", entry);
    }
  }

  private static boolean isNavigation(Request request) {
    try {
      return request.isNavigationRequest();
    } catch (PlaywrightException e) {
      return false;
    }
  }

  private static boolean isTopFrame(Request request) {
    try {
      Frame frame = request.frame();
      return frame == null || frame.parentFrame() == null;
    } catch (PlaywrightException e) {
      return true; // a request without a frame (a service worker's) counts as the page's own
    }
  }
}
