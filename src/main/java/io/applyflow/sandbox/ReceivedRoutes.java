package io.applyflow.sandbox;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Inputs;
import io.applyflow.platform.web.Views;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the sandbox board received from the signed-in user's own jobs, on the app's origin and behind its login
 * (a submission is the user's when their submit ledger holds its receipt, see {@link SandboxSubmissions}):
 *
 * <ul>
 *   <li>{@code GET /api/sandbox/submissions[?board=&job_id=]} (bearer or session): the JSON array
 *       {@code [{id, source, board, job_id, posting_id, receipt, first_name, last_name, email, phone, answers,
 *       files: [{field, filename, content_type, bytes}], received_at}]} ({@code source} greenhouse, lever or ashby;
 *       Greenhouse rows have {@code job_id}, Lever and Ashby rows {@code posting_id}, Ashby rows the {@code receipt}
 *       it answered with); a malformed filter is a 400 naming it;</li>
 *   <li>{@code GET /api/sandbox/submissions/{id}/files/{field}}: the file, only to its owner (404 otherwise, the
 *       same answer as for an id that does not exist), always as a download ({@code Content-Disposition: attachment})
 *       with the type its bytes are (one of {@link FileKind}'s), {@code nosniff}, a sandboxing CSP and {@code no-store};</li>
 *   <li>{@code GET /api/sandbox/mail}: the email the sandbox sent to the user's own addresses (the account's and the
 *       profile's): the security codes of the {@code security-code} scenario, {@link SecurityCodes#mailFor};</li>
 *   <li>{@code GET /received}: the page listing them, with links to the files, and that email.</li>
 * </ul>
 */
public final class ReceivedRoutes {
  static final String FILE_CSP = "sandbox; default-src 'none'";
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM, HH:mm", Locale.ENGLISH);

  private final SandboxSubmissions submissions;
  private final SecurityCodes codes;
  private final Views views;

  private ReceivedRoutes(Pool pool, Views views) {
    this.submissions = new SandboxSubmissions(pool);
    this.codes = new SecurityCodes(pool);
    this.views = views;
  }

  /** Mounts the routes on the app's router, after {@link Auth#identify()}. */
  public static void mount(Router router, Pool pool, Views views) {
    ReceivedRoutes r = new ReceivedRoutes(pool, views);
    router.get("/api/sandbox/submissions").handler(Auth.requireApiUser()).handler(r::list);
    router.get("/api/sandbox/submissions/:id/files/:field").handler(Auth.requireApiUser()).handler(r::file);
    router.get("/api/sandbox/mail").handler(Auth.requireApiUser()).handler(r::mail);
    router.get("/received").handler(Auth.requirePageUser()).handler(r::page);
  }

  private record Filter(String board, Long jobId) {
  }

  /** The optional {@code board} and {@code job_id} query parameters, or BAD_INPUT naming the bad one. */
  private static Filter filter(RoutingContext ctx) {
    String board = ctx.request().getParam("board");
    if (board != null && !board.matches("[A-Za-z0-9_.-]{1,100}")) {
      throw Failure.BAD_INPUT.with("board must be a board token (letters, digits, '_', '.', '-'; at most 100), got '"
          + Inputs.shown(board) + "'");
    }
    String job = ctx.request().getParam("job_id");
    Long jobId = null;
    if (job != null) {
      jobId = SandboxRoutes.parseId(job);
      if (jobId == null) {
        throw Failure.BAD_INPUT.with("job_id must be a number of at most 18 digits, got '" + Inputs.shown(job) + "'");
      }
    }
    return new Filter(board, jobId);
  }

  private void list(RoutingContext ctx) {
    Filter f;
    try {
      f = filter(ctx);
    } catch (Failure.Coded e) {
      Http.fail(ctx, e);
      return;
    }
    submissions.receivedBy(Auth.userId(ctx), f.board(), f.jobId())
        .onSuccess(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(r.json()));
          Http.json(ctx, 200, out);
        })
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void mail(RoutingContext ctx) {
    codes.mailFor(Auth.userId(ctx))
        .onSuccess(mail -> Http.json(ctx, 200, new JsonArray(new ArrayList<>(mail))))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void file(RoutingContext ctx) {
    long id = Http.idParam(ctx, "id");
    String field = ctx.pathParam("field");
    if (!"resume".equals(field) && !"cover_letter".equals(field)) {
      Http.error(ctx, 400, "bad_input", "field must be 'resume' or 'cover_letter', got '" + Inputs.shown(field) + "'");
      return;
    }
    String notFound = "you have no sandbox submission " + id + " with a file '" + field + "'";
    submissions.fileFor(Auth.userId(ctx), id, field)
        .onSuccess(found -> {
          // the served type comes from the bytes again, whatever the row says (rows from before the sandbox sniffed)
          FileKind kind = found.flatMap(f -> FileKind.sniff(f.content())).orElse(null);
          if (kind == null) {
            Http.error(ctx, 404, "not_found", notFound);
            return;
          }
          String name = kind.fileName(found.get().filename());
          ctx.response()
              .putHeader("content-type", kind.contentType)
              .putHeader("content-disposition", contentDisposition(name))
              .putHeader("content-security-policy", FILE_CSP) // stricter than the page policy (SecurityHeaders adds nosniff, no-store)
              .end(found.get().content());
        })
        .onFailure(t -> Http.fail(ctx, t));
  }

  /** {@code attachment} with an ASCII fallback name and the exact one in RFC 6266/8187 form. */
  static String contentDisposition(String name) {
    StringBuilder ascii = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? c : '_');
    }
    String exact = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + exact;
  }

  private void page(RoutingContext ctx) {
    submissions.receivedBy(Auth.userId(ctx), null, null)
        .compose(rows -> codes.mailFor(Auth.userId(ctx)).map(mail -> {
          List<Map<String, Object>> letters = new ArrayList<>();
          for (JsonObject m : mail) {
            Map<String, Object> letter = new HashMap<>(m.getMap());
            letter.put("sent", OffsetDateTime.parse(m.getString("sent_at")).format(WHEN));
            letter.put("until", OffsetDateTime.parse(m.getString("expires_at")).format(WHEN));
            letters.add(letter);
          }
          ctx.put("sandboxMail", letters);
          return rows;
        }))
        .onSuccess(rows -> {
          List<Map<String, Object>> items = new ArrayList<>();
          for (SandboxSubmissions.Received r : rows) {
            JsonObject s = r.json();
            Map<String, Object> item = new HashMap<>();
            item.put("id", s.getLong("id"));
            item.put("board", s.getString("board"));
            // Greenhouse postings have numeric ids; Lever's and Ashby's are UUIDs (posting_id)
            item.put("job_id", s.getValue("job_id") != null ? s.getLong("job_id") : s.getString("posting_id"));
            item.put("app_job_href", "/jobs/" + r.appJobId());
            item.put("name", s.getString("first_name") + " " + s.getString("last_name"));
            item.put("email", s.getString("email"));
            item.put("phone", s.getString("phone"));
            item.put("answers", s.getJsonObject("answers").size());
            String at = s.getString("received_at");
            item.put("received", at == null ? "" : OffsetDateTime.parse(at).format(WHEN));
            List<Map<String, Object>> files = new ArrayList<>();
            for (Object o : s.getJsonArray("files")) {
              JsonObject f = (JsonObject) o;
              Map<String, Object> file = new HashMap<>();
              file.put("label", "resume".equals(f.getString("field")) ? "Resume" : "Cover letter");
              file.put("filename", f.getString("filename"));
              file.put("href", "/api/sandbox/submissions/" + s.getLong("id") + "/files/" + f.getString("field"));
              file.put("size", Math.max(1, (f.getLong("bytes") + 1023) / 1024) + " KB");
              files.add(file);
            }
            item.put("files", files);
            items.add(item);
          }
          Map<String, Object> model = new HashMap<>();
          model.put("csrf", ctx.get(Auth.CSRF));
          model.put("received", items);
          model.put("mail", ctx.get("sandboxMail"));
          ctx.response().putHeader("cache-control", "no-store");
          views.page(ctx, "sandbox/received", "received-list", model);
        })
        .onFailure(t -> Http.fail(ctx, t));
  }

}
