package io.applyflow.platform.web;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.thymeleaf.ThymeleafTemplateEngine;
import java.util.Map;
import java.util.Set;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.context.Context;

/**
 * Renders Thymeleaf pages from {@code templates/} (the working directory first, then the classpath). One URL
 * serves the full page or, for htmx requests, the fragment whose name equals its root element's id.
 */
public final class Views {
  private final TemplateEngine engine;
  /** Variables every page sees (e.g. {@code sandboxOn}, which shows the nav's "Received" link). */
  private final Map<String, Object> globals = new java.util.concurrent.ConcurrentHashMap<>();

  public Views(Vertx vertx) {
    this.engine = ThymeleafTemplateEngine.create(vertx).unwrap();
  }

  /** Makes {@code name} available to every page this renders (a page's own model wins over it). */
  public Views global(String name, Object value) {
    globals.put(name, value);
    return this;
  }

  /** Renders {@code templates/<name>.html}, or only its fragment when {@code fragment} is not null. */
  public String render(String name, String fragment, Map<String, Object> model) {
    Context context = new Context();
    context.setVariables(globals);
    context.setVariables(model);
    String template = "templates/" + name + ".html";
    TemplateSpec spec = fragment == null
        ? new TemplateSpec(template, (String) null)
        : new TemplateSpec(template, Set.of(fragment), (String) null, null);
    return engine.process(spec, context);
  }

  /** The whole page, or its {@code fragment} when the request comes from htmx. */
  public void page(RoutingContext ctx, String name, String fragment, Map<String, Object> model) {
    boolean htmx = ctx.request().getHeader("HX-Request") != null;
    html(ctx, 200, render(name, htmx ? fragment : null, model));
  }

  public static void html(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status)
        .putHeader("content-type", "text/html; charset=utf-8")
        .putHeader("Vary", "HX-Request")
        .end(body);
  }
}
