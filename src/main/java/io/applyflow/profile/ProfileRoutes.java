package io.applyflow.profile;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Views;
import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code GET/PUT /api/profile} and the profile page (paste a JSON Resume, edit the applicant answers). */
public final class ProfileRoutes {
  private final Profiles profiles;
  private final Views views;

  private ProfileRoutes(Profiles profiles, Views views) {
    this.profiles = profiles;
    this.views = views;
  }

  public static void mount(Router router, Profiles profiles, Views views) {
    ProfileRoutes r = new ProfileRoutes(profiles, views);
    router.get("/api/profile").handler(Auth.requireApiUser()).handler(r::apiGet);
    router.put("/api/profile").handler(Auth.requireApiUser()).handler(r::apiPut);
    router.get("/profile").handler(Auth.requirePageUser()).handler(r::page);
    router.post("/profile").handler(Auth.requirePageUser()).handler(r::pageSave);
  }

  private void apiGet(RoutingContext ctx) {
    profiles.load(Auth.userId(ctx))
        .onSuccess(p -> Http.json(ctx, 200, p))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void apiPut(RoutingContext ctx) {
    JsonObject body = Http.jsonBody(ctx);
    long userId = Auth.userId(ctx);
    profiles.save(userId, body)
        .compose(v -> profiles.load(userId))
        .onSuccess(p -> Http.json(ctx, 200, p))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void page(RoutingContext ctx) {
    profiles.find(Auth.userId(ctx))
        .onSuccess(p -> render(ctx, 200, p == null ? null : p.getJsonObject("resume").encodePrettily(),
            p == null ? new JsonObject() : p.getJsonObject("applicant"), null, null))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void pageSave(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    String resumeText = form.get("resume");
    JsonObject applicant = applicantFrom(form);
    JsonObject profile;
    try {
      if (resumeText == null || resumeText.isBlank()) {
        throw Failure.BAD_INPUT.with("paste your resume as JSON Resume");
      }
      profile = new JsonObject().put("resume", new JsonObject(resumeText)).put("applicant", applicant);
    } catch (DecodeException | ClassCastException e) {
      render(ctx, 400, resumeText, applicant, "the resume is not a valid JSON object: " + e.getMessage(), null);
      return;
    } catch (Failure.Coded e) {
      render(ctx, 400, resumeText, applicant, e.getMessage(), null);
      return;
    }
    profiles.save(Auth.userId(ctx), profile)
        .onSuccess(v -> render(ctx, 200, resumeText, applicant, null, "Profile saved."))
        .onFailure(t -> {
          if (Failure.of(t) == Failure.BAD_INPUT) {
            render(ctx, 400, resumeText, applicant, t.getMessage(), null);
          } else {
            Http.fail(ctx, t);
          }
        });
  }

  private void render(RoutingContext ctx, int status, String resumeText, JsonObject applicant, String error, String notice) {
    Map<String, Object> model = new HashMap<>();
    model.put("csrf", ctx.get(Auth.CSRF));
    model.put("resume", resumeText == null ? "" : resumeText);
    model.put("applicant", applicant.getMap());
    model.put("links", applicant.getJsonObject("links", new JsonObject()).getMap());
    model.put("eeoc", applicant.getJsonObject("eeoc", new JsonObject()).getMap());
    model.put("eeocValues", ProfileValidator.EEOC_VALUES);
    model.put("eeocKeys", List.of("gender", "hispanic_latino", "race", "veteran_status", "disability_status"));
    model.put("error", error);
    model.put("notice", notice);
    boolean htmx = ctx.request().getHeader("HX-Request") != null;
    Views.html(ctx, status, views.render("profile/page", htmx ? "profile-form" : null, model));
  }

  /** The applicant object from the page's form fields; blank fields are left out. */
  static JsonObject applicantFrom(MultiMap form) {
    JsonObject a = new JsonObject();
    for (String key : List.of("first_name", "last_name", "preferred_name", "phone", "phone_country",
        "work_authorization", "requires_sponsorship", "willing_to_relocate")) {
      putIfPresent(a, key, form.get(key));
    }
    JsonObject links = new JsonObject();
    for (String key : List.of("linkedin", "github", "portfolio", "website")) {
      putIfPresent(links, key, form.get("links." + key));
    }
    if (!links.isEmpty()) {
      a.put("links", links);
    }
    JsonObject eeoc = new JsonObject();
    for (String key : ProfileValidator.EEOC_VALUES.keySet()) {
      putIfPresent(eeoc, key, form.get("eeoc." + key));
    }
    if (!eeoc.isEmpty()) {
      a.put("eeoc", eeoc);
    }
    return a;
  }

  private static void putIfPresent(JsonObject o, String key, String value) {
    if (value != null && !value.isBlank()) {
      o.put(key, value.trim());
    }
  }
}
