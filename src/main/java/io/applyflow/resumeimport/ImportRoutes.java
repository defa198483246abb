package io.applyflow.resumeimport;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Views;
import io.applyflow.profile.Profiles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resume import: {@code POST /api/profile/import} (multipart field {@code file}, a PDF or .docx of at most 10 MB)
 * answers {@code {"draft": {...JSON Resume...}, "text": "..."}} and stores nothing; the page {@code /profile/import}
 * uploads the same way and shows the source text beside the draft, which the person corrects and saves through the
 * profile page's own save ({@code POST /profile}, field {@code resume}).
 *
 * <p>The two upload paths have their own body handler ({@link #bodyHandler}: 10 MB plus room for the multipart
 * envelope, files to a temporary folder, deleted when the response ends and right after reading) instead of the
 * global one's 2 MB. Reading runs on a worker ({@code executeBlocking}).
 */
public final class ImportRoutes {
  public static final String API_PATH = "/api/profile/import";
  public static final String PAGE_PATH = "/profile/import";
  /** Room for the multipart envelope around a 10 MB file (boundaries, headers, the CSRF field). */
  private static final long ENVELOPE = 64 * 1024;
  private static final String TOO_LARGE = "The file is larger than 10 MB, so it was not read. Upload a PDF or .docx of"
      + " at most 10 MB (a resume is usually under 1 MB; a scanned one can be made smaller by exporting it again).";

  private final Profiles profiles;
  private final Views views;

  private ImportRoutes(Profiles profiles, Views views) {
    this.profiles = profiles;
    this.views = views;
  }

  /** Whether the request is an upload to one of the import paths (these skip the global body handler). */
  public static boolean isUpload(RoutingContext ctx) {
    String path = ctx.request().path();
    // only a caller who shows credentials (checked right after the body is read) may send 10 MB to a temp file;
    // anyone else gets every other route's 2 MB in memory before being refused
    boolean credentials = ctx.request().getCookie(Auth.SESSION_COOKIE) != null
        || ctx.request().getHeader("Authorization") != null;
    return credentials && ctx.request().method() == io.vertx.core.http.HttpMethod.POST
        && (API_PATH.equals(path) || PAGE_PATH.equals(path));
  }

  /** The body handler of the upload paths: 10 MB plus the envelope, files in the temp folder, deleted at the end. */
  public static BodyHandler bodyHandler() {
    String dir = Path.of(System.getProperty("java.io.tmpdir"), "applyflow-uploads").toString();
    return BodyHandler.create(dir).setBodyLimit(ResumeImport.MAX_BYTES + ENVELOPE).setDeleteUploadedFilesOnEnd(true)
        .setMergeFormAttributes(true);
  }

  public static void mount(Router router, Profiles profiles, Views views) {
    ImportRoutes r = new ImportRoutes(profiles, views);
    router.post(API_PATH).handler(Auth.requireApiUser()).handler(r::api)
        .failureHandler(r::apiFailure);
    router.get(PAGE_PATH).handler(Auth.requirePageUser()).handler(ctx -> r.form(ctx, 200,
        "1".equals(ctx.request().getParam("too_large")) ? TOO_LARGE : null));
    router.post(PAGE_PATH).handler(Auth.requirePageUser()).handler(r::pageUpload)
        .failureHandler(r::pageFailure);
  }

  // --- API -------------------------------------------------------------------------------------------------------

  private void api(RoutingContext ctx) {
    read(ctx).onSuccess(res -> Http.json(ctx, 200, new JsonObject()
            .put("draft", new JsonObject(res.draft().toString()))
            .put("text", res.text())
            .put("kind", res.kind())))
        .onFailure(t -> {
          if (t instanceof TooLarge) {
            Http.error(ctx, 413, "too_large", TOO_LARGE);
          } else {
            Http.fail(ctx, t);
          }
        });
  }

  /** The body handler's refusal of an over-long body (413) comes here, before the route's handler. */
  private void apiFailure(RoutingContext ctx) {
    if (ctx.statusCode() == 413) {
      Http.error(ctx, 413, "too_large", TOO_LARGE);
    } else {
      ctx.next();
    }
  }

  // --- page ------------------------------------------------------------------------------------------------------

  private void pageUpload(RoutingContext ctx) {
    long userId = Auth.userId(ctx);
    read(ctx).onSuccess(res -> profiles.find(userId).onComplete(p -> {
          JsonObject applicant = p.succeeded() && p.result() != null
              ? p.result().getJsonObject("applicant", new JsonObject()) : new JsonObject();
          Map<String, Object> model = model(ctx, null);
          model.put("text", res.text());
          model.put("draft", new JsonObject(res.draft().toString()).encodePrettily());
          model.put("kind", res.kind());
          model.put("keep", hiddenApplicant(applicant));
          Views.html(ctx, 200, views.render("profile/import", null, model));
        }))
        .onFailure(t -> {
          if (t instanceof TooLarge) {
            form(ctx, 413, TOO_LARGE);
          } else if (Failure.of(t) == Failure.BAD_INPUT) {
            form(ctx, 400, capitalised(t.getMessage()) + ".");
          } else {
            Http.fail(ctx, t);
          }
        });
  }

  /**
   * The body handler refused an over-long upload before anyone was identified (so there is no CSRF token to put in a
   * re-rendered form): back to the form, which shows why ({@code ?too_large=1}).
   */
  private void pageFailure(RoutingContext ctx) {
    if (ctx.statusCode() == 413) {
      if (!ctx.response().headWritten()) {
        ctx.response().putHeader("Location", PAGE_PATH + "?too_large=1").setStatusCode(303).end();
      }
    } else {
      ctx.next();
    }
  }

  /** The upload form, with an error next to the file field when there is one. */
  private void form(RoutingContext ctx, int status, String error) {
    if (!ctx.response().headWritten()) {
      Views.html(ctx, status, views.render("profile/import", null, model(ctx, error)));
    }
  }

  private static Map<String, Object> model(RoutingContext ctx, String error) {
    Map<String, Object> m = new HashMap<>();
    m.put("csrf", ctx.get(Auth.CSRF));
    m.put("error", error);
    return m;
  }

  /**
   * The applicant answers already saved, as the hidden fields of the confirm form: the profile page's save replaces
   * the whole profile with what the form holds, so they must come along unchanged.
   */
  static List<Map<String, String>> hiddenApplicant(JsonObject applicant) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String key : applicant.fieldNames()) {
      Object v = applicant.getValue(key);
      if (v instanceof JsonObject nested) {
        for (String k : nested.fieldNames()) {
          if (nested.getValue(k) instanceof String s) {
            out.add(Map.of("name", key + "." + k, "value", s));
          }
        }
      } else if (v instanceof String s) {
        out.add(Map.of("name", key, "value", s));
      }
    }
    return out;
  }

  // --- reading ---------------------------------------------------------------------------------------------------

  /** An upload over 10 MB that fit in the body handler's envelope. */
  private static final class TooLarge extends RuntimeException {
    TooLarge() {
      super("too large", null, false, false);
    }
  }

  /** The uploaded file read on a worker and deleted, or BAD_INPUT naming what is wrong with the request. */
  private static Future<ResumeImport.Result> read(RoutingContext ctx) {
    List<FileUpload> uploads = ctx.fileUploads();
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
      return Future.failedFuture(Failure.BAD_INPUT.with("send the resume as multipart/form-data with the file in"
          + " the field 'file'"));
    }
    FileUpload file = null;
    for (FileUpload u : uploads) {
      if ("file".equals(u.name()) && file == null) {
        file = u;
      }
    }
    if (file == null) {
      return Future.failedFuture(Failure.BAD_INPUT.with(uploads.isEmpty()
          ? "no file was sent: choose a PDF or .docx resume (multipart field 'file')"
          : "the file must be sent in the field 'file', not '" + uploads.get(0).name() + "'"));
    }
    if (file.size() == 0 && (file.fileName() == null || file.fileName().isBlank())) {
      delete(uploads);
      return Future.failedFuture(Failure.BAD_INPUT.with("no file was chosen: choose a PDF or .docx resume"));
    }
    FileUpload chosen = file;
    if (chosen.size() > ResumeImport.MAX_BYTES) {
      delete(uploads);
      return Future.failedFuture(new TooLarge());
    }
    return ctx.vertx().executeBlocking(() -> {
      try {
        byte[] bytes = Files.readAllBytes(Path.of(chosen.uploadedFileName()));
        return ResumeImport.read(bytes);
      } finally {
        delete(uploads);
      }
    }, false);
  }

  private static void delete(List<FileUpload> uploads) {
    for (FileUpload u : uploads) {
      try {
        Files.deleteIfExists(Path.of(u.uploadedFileName()));
      } catch (IOException | RuntimeException ignored) {
        // the body handler deletes it at the end of the response too
      }
    }
  }

  private static String capitalised(String s) {
    return s == null || s.isEmpty() ? "The file could not be read" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
