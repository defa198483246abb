package io.applyflow.profile;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Inputs;
import io.applyflow.platform.web.Views;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET/PUT /api/profile} and the profile page: paste a JSON Resume (kept exactly as written), edit the
 * applicant answers, and see what was read. After a save over htmx the form, the summary of what was read and the
 * getting-started checklist are all swapped in (the last two out of band); without JavaScript the save redirects
 * back to the page (POST-redirect-GET).
 */
public final class ProfileRoutes {
  /** The voluntary self-identification questions, in words, in the order the page asks them. */
  static final Map<String, String> EEOC_QUESTIONS = new LinkedHashMap<>();
  /** Every answer value of those questions, in words. */
  static final Map<String, String> EEOC_ANSWERS = new HashMap<>();

  static {
    EEOC_QUESTIONS.put("gender", "Gender");
    EEOC_QUESTIONS.put("hispanic_latino", "Are you Hispanic or Latino?");
    EEOC_QUESTIONS.put("race", "Race");
    EEOC_QUESTIONS.put("veteran_status", "Veteran status");
    EEOC_QUESTIONS.put("disability_status", "Do you have a disability?");
    EEOC_ANSWERS.putAll(Map.of("male", "Male", "female", "Female", "yes", "Yes", "no", "No",
        "decline", "I decline to answer", "asian", "Asian", "white", "White",
        "two_or_more", "Two or more races", "not_protected", "I am not a protected veteran",
        "protected", "I identify as a protected veteran"));
    EEOC_ANSWERS.putAll(Map.of("american_indian_or_alaska_native", "American Indian or Alaska Native",
        "black_or_african_american", "Black or African American", "hispanic_or_latino", "Hispanic or Latino",
        "native_hawaiian_or_pacific_islander", "Native Hawaiian or Other Pacific Islander"));
  }

  private final Profiles profiles;
  private final Views views;
  private final Function<Long, Future<Map<String, Object>>> checklist;
  private final Function<Long, Future<Map<String, Object>>> versions;

  private ProfileRoutes(Profiles profiles, Views views, Function<Long, Future<Map<String, Object>>> checklist,
                        Function<Long, Future<Map<String, Object>>> versions) {
    this.profiles = profiles;
    this.views = views;
    this.checklist = checklist;
    this.versions = versions;
  }

  /**
   * {@code checklist}: the user's getting-started steps, shown on the page and ticked after a save; {@code versions}:
   * the model of the user's newest resume versions ({@code templates/versions/list.html}), shown on the whole page.
   */
  public static void mount(Router router, Profiles profiles, Views views,
                           Function<Long, Future<Map<String, Object>>> checklist,
                           Function<Long, Future<Map<String, Object>>> versions) {
    ProfileRoutes r = new ProfileRoutes(profiles, views, checklist, versions);
    router.get("/api/profile").handler(Auth.requireApiUser()).handler(r::apiGet);
    router.put("/api/profile").handler(Auth.requireApiUser()).handler(r::apiPut);
    router.get("/profile").handler(Auth.requirePageUser()).handler(r::page);
    router.post("/profile").handler(Auth.requirePageUser()).handler(r::pageSave);
  }

  private void apiGet(RoutingContext ctx) {
    profiles.load(Auth.userId(ctx))
        .onSuccess(p -> {
          p.remove("resume_text");
          Http.json(ctx, 200, p);
        })
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void apiPut(RoutingContext ctx) {
    JsonObject body = Http.jsonBody(ctx);
    long userId = Auth.userId(ctx);
    profiles.save(userId, body)
        .compose(v -> profiles.load(userId))
        .onSuccess(p -> {
          p.remove("resume_text");
          Http.json(ctx, 200, p);
        })
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void page(RoutingContext ctx) {
    long userId = Auth.userId(ctx);
    profiles.find(userId)
        .onSuccess(p -> {
          String notice = "1".equals(ctx.request().getParam("saved")) ? "Profile saved." : null;
          render(ctx, 200, p == null ? null : p.getString("resume_text"),
              p == null ? new JsonObject() : p.getJsonObject("applicant"), p != null, null, notice);
        })
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void pageSave(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    String resumeText = form.get("resume");
    JsonObject applicant = applicantFrom(form);
    long userId = Auth.userId(ctx);
    JsonObject profile;
    try {
      if (resumeText == null || resumeText.isBlank()) {
        throw Failure.BAD_INPUT.with("paste your resume as JSON Resume: the box is empty");
      }
      Inputs.jsonDepth("the resume", resumeText);
      profile = new JsonObject().put("resume", new JsonObject(resumeText)).put("applicant", applicant);
    } catch (DecodeException | ClassCastException e) {
      render(ctx, 400, resumeText, applicant, false, "the resume is not a valid JSON object: " + firstLine(e), null);
      return;
    } catch (Failure.Coded e) {
      render(ctx, 400, resumeText, applicant, false, e.getMessage(), null);
      return;
    }
    profiles.save(userId, profile, resumeText)
        .onSuccess(v -> {
          if (!Http.isHtmx(ctx)) {
            Http.redirect(ctx, "/profile?saved=1");
          } else {
            render(ctx, 200, resumeText, applicant, true, null, "Profile saved.");
          }
        })
        .onFailure(t -> {
          if (Failure.of(t) == Failure.BAD_INPUT) {
            render(ctx, 400, resumeText, applicant, false, t.getMessage(), null);
          } else {
            Http.fail(ctx, t);
          }
        });
  }

  /**
   * The page, or for htmx the form with the summary and checklist out of band. {@code saved}: the text shown is the
   * stored profile (so the summary describes it); otherwise the summary is left as it was.
   */
  private void render(RoutingContext ctx, int status, String resumeText, JsonObject applicant, boolean saved,
                      String error, String notice) {
    long userId = Auth.userId(ctx);
    // On a worker: the summary checks every character against the PDF's fonts, and the first check in a JVM loads
    // them (about 0.4 s), which must not hold up the event loop.
    Future<Map<String, Object>> summary = saved && resumeText != null
        ? ctx.vertx().executeBlocking(() -> summary(resumeText, applicant), false)
        : Future.succeededFuture(null);
    boolean htmx = Http.isHtmx(ctx);
    // the versions list is on the whole page only (a save over htmx swaps the form and the summary)
    Future<Map<String, Object>> recent = htmx ? Future.succeededFuture(null) : versions.apply(userId);
    summary.onComplete(read -> checklist.apply(userId).onComplete(ar -> recent.onComplete(listed -> {
      Map<String, Object> model = new HashMap<>();
      model.put("csrf", ctx.get(Auth.CSRF));
      model.put("resume", resumeText == null ? "" : resumeText);
      model.put("applicant", applicant.getMap());
      model.put("links", applicant.getJsonObject("links", new JsonObject()).getMap());
      model.put("eeoc", applicant.getJsonObject("eeoc", new JsonObject()).getMap());
      model.put("eeocValues", ProfileValidator.EEOC_VALUES);
      model.put("eeocQuestions", EEOC_QUESTIONS);
      model.put("eeocAnswers", EEOC_ANSWERS);
      model.put("error", error);
      model.put("notice", notice);
      model.put("welcome", "1".equals(ctx.request().getParam("welcome")));
      model.put("checklist", ar.succeeded() ? ar.result() : null);
      model.put("summary", read.succeeded() ? read.result() : null);
      model.put("versions", listed.succeeded() ? listed.result() : null);
      String body = views.render("profile/page", htmx ? "profile-form" : null, model);
      if (htmx && saved) {
        body += views.render("profile/page", "profile-oob", model);
      }
      Views.html(ctx, status, body);
    })));
  }

  private static Map<String, Object> summary(String resumeText, JsonObject applicant) {
    try {
      return ProfileSummary.of(new JsonObject(resumeText), applicant);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
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
