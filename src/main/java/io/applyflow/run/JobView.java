package io.applyflow.run;

import io.applyflow.job.JobStatus;
import io.applyflow.job.Document;
import io.applyflow.job.SchemaFields;

import io.applyflow.platform.web.SafeUrls;
import io.applyflow.render.Preview;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The job page's model, built from a job's detail (the {@code GET /api/job/{id}} document). The page leads with the
 * decision in words: where the job stands and why, the match in words with its top matches and gaps, and what will
 * be sent (or was sent) to the employer; provenance ids, ranking numbers and the raw plan are kept for a collapsed
 * "Details" section. Pure: plain maps and lists, which is what the templates' helpers take.
 */
public final class JobView {
  private static final int TOP = 6;

  private JobView() {
  }

  /** Everything the job page's template reads. */
  public static Map<String, Object> model(JsonObject d) {
    Map<String, Object> m = new HashMap<>();
    JobStatus status = JobStatus.of(d.getString("status"));
    m.put("job", plain(d));
    m.put("postingUrl", webUrl(d.getString("url")));
    List<Map<String, Object>> events = list(d.getJsonArray("events"));
    m.put("events", events);
    List<Map<String, Object>> documents = list(d.getJsonArray("documents"));
    m.put("documents", documents);
    List<Map<String, Object>> shots = documents.stream()
        .filter(doc -> Document.SCREENSHOT.equals(doc.get("kind"))).toList();
    m.put("screenshots", shots);
    m.put("latestShot", shots.isEmpty() ? null : shots.get(shots.size() - 1));
    Map<String, Object> resumePdf = newest(documents, Document.RESUME_PDF);
    Map<String, Object> letterPdf = newest(documents, Document.COVER_LETTER_PDF);
    m.put("resumePdf", resumePdf);
    m.put("letterPdf", letterPdf);
    m.put("resumePng", thumb(previewOf(documents, Document.RESUME_PNG, resumePdf), Preview.DISPLAY_WIDTH));
    m.put("letterPng", thumb(previewOf(documents, Document.COVER_LETTER_PNG, letterPdf), Preview.DISPLAY_WIDTH));
    m.put("versions", io.applyflow.versions.VersionRows.forJobPage(d)); // issue 11: the job's resume and letter versions

    JsonObject score = d.getJsonObject("score");
    m.put("score", score == null ? null : plain(score));
    m.put("matching", strings(d.getJsonArray("matching_keywords")));
    m.put("missing", strings(d.getJsonArray("missing_keywords")));
    m.put("missingSkills", score == null ? List.of() : strings(score.getJsonArray("missing_skills")));
    m.put("match", match(score, d));
    m.put("decision", decision(status, d, events, score));
    m.put("codeWait", codeWait(status, events));

    JsonArray plan = d.getJsonArray("fill_plan") == null ? new JsonArray() : d.getJsonArray("fill_plan");
    m.put("plan", planRows(plan));
    m.put("open", openQuestions(plan, d.getJsonObject("schema")));
    m.put("sending", sending(plan, d, resumePdf, letterPdf, status));

    m.put("roles", roles(d.getJsonObject("tailored")));
    m.put("bullets", bullets(d.getJsonObject("tailored")));
    List<Map<String, Object>> diff = d.getJsonArray("tailor_diff") == null ? List.of() : list(d.getJsonArray("tailor_diff"));
    m.put("diff", diff);
    long reworded = d.getJsonArray("rewording") == null ? 0 : d.getJsonArray("rewording").stream()
        .filter(r -> r instanceof JsonObject w && Boolean.TRUE.equals(w.getBoolean("accepted"))).count();
    m.put("tailorSummary", tailorSummary(diff, reworded));
    JsonObject llm = d.getJsonObject("llm");
    m.put("llmCost", llm == null ? null : RunView.llmCost(new io.applyflow.llm.LlmSpend.Usage(llm.getLong("tokens", 0L),
        llm.getLong("requests", 0L), llm.getLong("cached", 0L))));
    m.put("rewording", d.getJsonArray("rewording") == null ? List.of() : list(d.getJsonArray("rewording")));
    m.put("letter", d.getJsonObject("cover_letter") == null ? null : plain(d.getJsonObject("cover_letter")));
    m.put("interview", d.getJsonArray("interview_questions") == null ? List.of()
        : strings(d.getJsonArray("interview_questions")));
    return m;
  }

  // --- the decision -------------------------------------------------------------------------------------

  /** {@code headline}: where the job stands; {@code why}: the reason from its timeline; {@code tone}: ok/wait/bad/muted. */
  static Map<String, Object> decision(JobStatus status, JsonObject d, List<Map<String, Object>> events,
                                      JsonObject score) {
    String company = d.getString("company", "the employer");
    String reason = sentence(last(events, status.db(), "message"));
    String headline;
    String why = null;
    String tone;
    switch (status) {
      case SUBMITTED -> {
        headline = "Sent to " + company + " on " + RunView.when(last(events, status.db(), "at")) + ".";
        why = reason;
        tone = "ok";
      }
      case AWAITING_APPROVAL -> {
        headline = "Ready for you: the form is filled and checked. Nothing has been sent yet.";
        why = reason;
        tone = "wait";
      }
      case APPLYING -> {
        // the user's newest decision put it here (Submit), not a retry or the pipeline filling the form
        Map<String, Object> decided = null;
        for (Map<String, Object> e : events) {
          decided = "review".equals(e.get("stage")) ? e : decided;
        }
        boolean approved = decided != null && JobStatus.APPLYING.db().equals(decided.get("status"));
        headline = approved ? "Sending your application to " + company + "… this page shows the confirmation."
            : "Filling in the application form… this page updates by itself.";
        tone = "wait";
      }
      case NEEDS_INPUT -> {
        Map<String, Object> code = codeWait(status, events);
        headline = code != null ? "Waiting for the security code " + company + " emailed to " + code.get("email")
            + ": the form is open and is sent only with the code."
            : "Needs your answer before it can be sent. Nothing was guessed.";
        why = reason;
        tone = "wait";
      }
      case NEEDS_ATTENTION -> {
        headline = reason != null && reason.toLowerCase(Locale.ROOT).contains("outcome unknown")
            ? "Stopped: it is not known whether the application reached " + company + ". Check before doing anything."
            : "Stopped before sending: Applyflow needs you to look at this form.";
        why = reason;
        tone = "bad";
      }
      case CLARIFY -> {
        headline = "Borderline match: nothing happens until you approve or discard it.";
        why = score == null ? null : sentence(score.getString("explanation"));
        tone = "wait";
      }
      case REJECTED -> {
        Integer clarify = score == null ? null : score.getInteger("clarify_threshold");
        headline = "Not applied to: it scored " + (score == null ? "?" : score.getValue("total"))
            + (clarify == null ? ", below your clarify threshold." : ", below your clarify threshold of " + clarify + ".");
        why = score == null ? null : sentence(score.getString("explanation"));
        tone = "muted";
      }
      case DUPLICATE -> {
        headline = "Already in your list" + (d.getValue("duplicate_of") == null ? "" : " as job " + d.getValue("duplicate_of"))
            + ": this copy is never filled or sent.";
        why = reason;
        tone = "muted";
      }
      case DISCARDED -> {
        headline = "Discarded by you. Nothing was sent.";
        tone = "muted";
      }
      case FAILED -> {
        headline = "Failed before the form was filled. Nothing was sent.";
        why = reason;
        tone = "bad";
      }
      default -> {
        headline = "Being prepared (" + status.label.toLowerCase(Locale.ROOT) + "); this page updates by itself.";
        tone = "wait";
      }
    }
    Map<String, Object> out = new HashMap<>();
    out.put("headline", headline);
    out.put("why", why);
    out.put("tone", tone);
    return out;
  }

  /**
   * The match in words: how strong the score is ({@code words}: 70 and up strong, 50 and up partial, else weak), where
   * it stands against the user's own thresholds ({@code standing}; not "band", an OGNL operator in the templates),
   * and the top matches and gaps (skills first, then other keywords).
   */
  static Map<String, Object> match(JsonObject score, JsonObject d) {
    if (score == null) {
      return null;
    }
    Map<String, Object> m = new HashMap<>();
    int total = score.getInteger("total", 0);
    m.put("words", total >= 70 ? "Strong match" : total >= 50 ? "Partial match" : "Weak match");
    m.put("total", total);
    String band = score.getString("band");
    Integer accept = score.getInteger("accept_threshold");
    Integer clarify = score.getInteger("clarify_threshold");
    m.put("standing", band == null || accept == null || clarify == null ? null : switch (band) {
      case "accept" -> "at or above your accept threshold (" + accept + ")";
      case "clarify" -> "between your clarify (" + clarify + ") and accept (" + accept + ") thresholds";
      default -> "below your clarify threshold (" + clarify + ")";
    });
    m.put("top", top(strings(score.getJsonArray("matching_skills")), strings(d.getJsonArray("matching_keywords"))));
    m.put("gaps", top(strings(score.getJsonArray("missing_skills")), strings(d.getJsonArray("missing_keywords"))));
    return m;
  }

  private static List<String> top(List<String> first, List<String> then) {
    Set<String> seen = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (List<String> l : List.of(first, then)) {
      for (String s : l) {
        if (out.size() < TOP && seen.add(s.toLowerCase(Locale.ROOT))) {
          out.add(s);
        }
      }
    }
    return out;
  }

  // --- what is sent ---------------------------------------------------------------------------------------

  /**
   * What goes to the employer: the files ({@code files}: resume, cover letter, each sent or not with why), the
   * answers with their source in words ({@code answers}), how many optional questions stay blank and how many
   * required ones need the user. {@code planned} is false before the form's plan exists.
   */
  static Map<String, Object> sending(JsonArray plan, JsonObject d, Map<String, Object> resumePdf,
                                     Map<String, Object> letterPdf, JobStatus status) {
    Map<String, Object> out = new HashMap<>();
    long jobId = d.getLong("job_id", 0L);
    List<Map<String, Object>> files = new ArrayList<>();
    List<Map<String, Object>> answers = new ArrayList<>();
    int blank = 0;
    int needsYou = 0;
    boolean letterField = false;
    for (Map<String, Object> e : planRows(plan)) {
      String field = String.valueOf(e.get("field"));
      String provenance = String.valueOf(e.get("provenance"));
      boolean missing = "missing".equals(provenance);
      if ("input_file".equals(e.get("type")) || field.equals("resume") || field.startsWith("cover_letter")) {
        boolean letter = field.startsWith("cover_letter");
        letterField |= letter;
        Map<String, Object> f = new HashMap<>();
        f.put("what", letter ? "Cover letter" : "resume".equals(field) ? "Resume" : String.valueOf(e.get("label")));
        f.put("sent", !missing);
        f.put("href", missing ? null : letter ? "/jobs/" + jobId + "/cover-letter.pdf"
            : "resume".equals(field) ? "/jobs/" + jobId + "/resume.pdf" : null);
        f.put("detail", missing ? notSent(e, letter ? letterPdf : resumePdf)
            : fileName(letter ? letterPdf : resumePdf, String.valueOf(e.get("shown"))));
        files.add(f);
        continue;
      }
      if (missing) {
        if (Boolean.TRUE.equals(e.get("required"))) {
          needsYou++;
        } else {
          blank++;
        }
        continue;
      }
      Map<String, Object> a = new HashMap<>();
      a.put("label", e.get("label"));
      a.put("value", e.get("shown"));
      a.put("source", e.get("source"));
      a.put("sensitive", !"NONE".equals(e.get("category")));
      answers.add(a);
    }
    if (!letterField && letterPdf != null && !plan.isEmpty()) {
      files.add(Map.of("what", "Cover letter", "sent", false, "detail",
          "this form has no cover-letter field; the letter is here to download", "href",
          "/jobs/" + jobId + "/cover-letter.pdf"));
    }
    out.put("planned", !plan.isEmpty());
    out.put("files", files);
    out.put("answers", answers);
    out.put("blank", blank);
    out.put("needsYou", needsYou);
    out.put("past", status == JobStatus.SUBMITTED);
    return out;
  }

  /** Why a file is not sent: the plan's own reason (FillPlanner writes one for a withheld letter), else the PDF. */
  private static String notSent(Map<String, Object> e, Map<String, Object> pdf) {
    Object reason = e.get("reason");
    if (reason != null && !String.valueOf(reason).isBlank()) {
      return "not sent: " + reason;
    }
    return pdf == null ? "not sent: no PDF passed its parse-back check" : "not sent";
  }

  private static String fileName(Map<String, Object> pdf, String fallback) {
    if (pdf == null) {
      return fallback;
    }
    Object bytes = pdf.get("bytes");
    return pdf.get("filename") + (bytes instanceof Number n ? " (" + Math.max(1, n.longValue() / 1024) + " KB)" : "");
  }

  /** Where a planned value comes from, in words. */
  static String source(String provenance, boolean required) {
    if (provenance == null) {
      return "";
    }
    if (provenance.startsWith("profile:")) {
      return "your profile";
    }
    if (provenance.startsWith("resume:")) {
      return "your resume";
    }
    if (provenance.startsWith("answer:")) {
      return "your saved answer";
    }
    if (provenance.startsWith("document:")) {
      return provenance.equals("document:cover_letter") ? "the cover letter shown here" : "the tailored resume shown here";
    }
    if (provenance.equals("llm-draft")) {
      return "a draft for you to check";
    }
    if (provenance.equals("missing")) {
      return required ? "needs your answer" : "left blank";
    }
    return provenance;
  }

  /**
   * The plan as table rows: what will be typed or chosen, where it comes from (code and words). The paste-in
   * companion of a file question ({@code resume_text} next to {@code resume}) is left out: the file stands for the
   * question, sent or not.
   */
  static List<Map<String, Object>> planRows(JsonArray plan) {
    Set<String> files = new HashSet<>();
    for (int i = 0; i < plan.size(); i++) {
      JsonObject e = plan.getJsonObject(i);
      if ("input_file".equals(e.getString("type"))) {
        files.add(e.getString("field"));
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      JsonObject e = plan.getJsonObject(i);
      String field = e.getString("field", "");
      if (field.endsWith("_text") && files.contains(field.substring(0, field.length() - "_text".length()))
          && "missing".equals(e.getString("provenance"))) {
        continue;
      }
      Map<String, Object> row = new HashMap<>(plain(e));
      JsonArray options = e.getJsonArray("options", new JsonArray());
      String shown = e.getString("value") != null ? e.getString("value")
          : options.isEmpty() ? "—" : String.join(", ", strings(options));
      row.put("shown", shown);
      row.putIfAbsent("category", "NONE");
      row.put("source", source(e.getString("provenance"), e.getBoolean("required", false)));
      rows.add(row);
    }
    return rows;
  }

  /** Required questions the plan could not answer, with their options when they are selects. */
  static List<Map<String, Object>> openQuestions(JsonArray plan, JsonObject schema) {
    List<Map<String, Object>> open = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      JsonObject e = plan.getJsonObject(i);
      if ("missing".equals(e.getString("provenance")) && e.getBoolean("required", false)
          && !"input_file".equals(e.getString("type"))) {
        Map<String, Object> q = new HashMap<>();
        q.put("field", e.getString("field"));
        q.put("label", e.getString("label"));
        q.put("choices", SchemaFields.options(schema, e.getString("field")));
        open.add(q);
      }
    }
    return open;
  }

  // --- the tailored resume --------------------------------------------------------------------------------

  /** The tailored resume's summary and bullets in document order, with their source ids (for Details). */
  static List<Map<String, Object>> bullets(JsonObject tailored) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> role : roles(tailored)) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> bs = (List<Map<String, Object>>) role.get("bullets");
      for (Map<String, Object> b : bs) {
        out.add(Map.of("role", role.get("role"), "id", b.get("id"), "text", b.get("text")));
      }
    }
    return out;
  }

  /** The tailored resume grouped by role: {@code {role, bullets: [{id, text}]}}, the summary first. */
  static List<Map<String, Object>> roles(JsonObject tailored) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (tailored == null) {
      return out;
    }
    JsonObject summary = tailored.getJsonObject("summary");
    if (summary != null) {
      out.add(Map.of("role", "Summary", "bullets",
          List.of(Map.of("id", summary.getString("id"), "text", summary.getString("text")))));
    }
    for (String section : List.of("work", "projects")) {
      JsonArray roles = tailored.getJsonArray(section, new JsonArray());
      for (int i = 0; i < roles.size(); i++) {
        JsonObject role = roles.getJsonObject(i);
        JsonArray bs = role.getJsonArray("bullets", new JsonArray());
        List<Map<String, Object>> bullets = new ArrayList<>();
        for (int b = 0; b < bs.size(); b++) {
          bullets.add(Map.of("id", bs.getJsonObject(b).getString("id"), "text", bs.getJsonObject(b).getString("text")));
        }
        String title = role.getString("title", "");
        String org = role.getString("organisation", "");
        out.add(Map.of("role", title.isBlank() ? org : org.isBlank() ? title : title + ", " + org, "bullets", bullets));
      }
    }
    return out;
  }

  /**
   * "Chose 6 of your 12 bullets, all in your own words; 2 moved …; 6 left out as less relevant. The summary keeps 3
   * of its 6 sentences." or null before tailoring. Summary sentences are counted apart from bullets; when the LLM's
   * rewordings of {@code reworded} of them passed the fact gate, the words say so instead of "all in your own words".
   */
  static String tailorSummary(List<Map<String, Object>> diff, long reworded) {
    if (diff.isEmpty()) {
      return null;
    }
    long bullets = 0;
    long dropped = 0;
    long moved = 0;
    long sentences = 0;
    long sentencesKept = 0;
    for (Map<String, Object> c : diff) {
      boolean out = "dropped".equals(c.get("change"));
      if (String.valueOf(c.get("id")).startsWith("basics.summary")) {
        sentences++;
        sentencesKept += out ? 0 : 1;
        continue;
      }
      bullets++;
      dropped += out ? 1 : 0;
      moved += "moved".equals(c.get("change")) ? 1 : 0;
    }
    StringBuilder sb = new StringBuilder();
    if (bullets > 0) {
      sb.append("Chose ").append(bullets - dropped).append(" of your ").append(bullets).append(" bullets, ")
          .append(reworded == 0 ? "all in your own words" : reworded + " reworded by the LLM within the fact gate "
              + "(each against its source under Details), the rest in your own words");
      if (moved > 0) {
        sb.append("; ").append(moved).append(" moved for this job");
      }
      if (dropped > 0) {
        sb.append("; ").append(dropped).append(" left out as less relevant");
      }
      sb.append(". ");
    }
    if (sentences > 1) {
      sb.append("The summary keeps ").append(sentencesKept).append(" of its ").append(sentences).append(" sentences.");
    }
    return sb.toString().strip();
  }

  // --- helpers -------------------------------------------------------------------------------------------

  /** The posting's address when it is an http(s) URL; anything else (a javascript: URL from board data) is dropped. */
  static String webUrl(String url) {
    return SafeUrls.webUrl(url);
  }

  /** {@code key} ("message", "at") of the newest event that moved the job into {@code status}, or null. */
  /**
   * The email security code the job waits for, from its newest needs_input event ({@code kind: security_code}):
   * {@code email}, {@code expiresAt} (ISO), {@code left} ("9 minutes", "time is up"), {@code until} (HH:mm:ss UTC),
   * {@code boardMessage} (the employer's words about the last code, or null); null when it waits for no code.
   */
  static Map<String, Object> codeWait(JobStatus status, List<Map<String, Object>> events) {
    if (status != JobStatus.NEEDS_INPUT) {
      return null;
    }
    for (int i = events.size() - 1; i >= 0; i--) {
      Map<String, Object> e = events.get(i);
      if (!JobStatus.NEEDS_INPUT.db().equals(e.get("status"))) {
        continue;
      }
      if (!(e.get("data") instanceof Map<?, ?> data) || !"security_code".equals(data.get("kind"))) {
        return null;
      }
      Map<String, Object> out = new HashMap<>();
      out.put("email", String.valueOf(data.get("email")));
      Object expires = data.get("expires_at");
      java.time.Instant at;
      try {
        at = java.time.Instant.parse(String.valueOf(expires));
      } catch (java.time.format.DateTimeParseException ex) {
        at = java.time.Instant.now();
      }
      long left = java.time.Duration.between(java.time.Instant.now(), at).toSeconds();
      out.put("expiresAt", at.toString());
      out.put("left", left <= 0 ? "time is up" : left < 120 ? left + " seconds left" : (left + 59) / 60 + " minutes left");
      out.put("until", java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC)
          .format(at));
      out.put("boardMessage", data.get("board_message"));
      return out;
    }
    return null;
  }

  private static String last(List<Map<String, Object>> events, String status, String key) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (status.equals(events.get(i).get("status"))) {
        return String.valueOf(events.get(i).get(key));
      }
    }
    return null;
  }

  /** A timeline message as a sentence: capitalised, ending with a full stop. */
  static String sentence(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String t = s.strip();
    t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
    return t.endsWith(".") || t.endsWith("?") || t.endsWith("!") || t.endsWith("\"") ? t : t + ".";
  }

  /**
   * A preview's size on the page ({@code width}, {@code height} in CSS pixels) at {@code width} wide, keeping the
   * PNG's proportions (Letter or A4): the {@code <img>} gets both, so the page does not jump when it loads. Null
   * without a preview or without its pixel size.
   */
  static Map<String, Object> thumb(Map<String, Object> png, int width) {
    if (png == null || !(png.get("width") instanceof Number w) || !(png.get("height") instanceof Number h)
        || w.intValue() <= 0) {
      return null;
    }
    return Map.of("width", width, "height", Math.round(width * h.floatValue() / w.floatValue()));
  }

  /**
   * The preview of {@code pdf}: the newest PNG of the kind stored after it (in its transaction), so a job rendered
   * again whose new preview failed never shows the old page next to the new PDF. Null without one.
   */
  static Map<String, Object> previewOf(List<Map<String, Object>> documents, String kind, Map<String, Object> pdf) {
    Map<String, Object> png = newest(documents, kind);
    return pdf == null || png == null || !(png.get("id") instanceof Number p) || !(pdf.get("id") instanceof Number d)
        || p.longValue() < d.longValue() ? null : png;
  }

  private static Map<String, Object> newest(List<Map<String, Object>> documents, String kind) {
    Map<String, Object> found = null;
    for (Map<String, Object> doc : documents) {
      if (kind.equals(doc.get("kind"))) {
        found = doc;
      }
    }
    return found;
  }

  static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      a.forEach(o -> out.add(String.valueOf(o)));
    }
    return out;
  }

  static List<Map<String, Object>> list(JsonArray a) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (a != null) {
      for (int i = 0; i < a.size(); i++) {
        out.add(plain(a.getJsonObject(i)));
      }
    }
    return out;
  }

  /** The object as plain maps and lists all the way down, which is what the template's list helpers take. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> plain(JsonObject o) {
    return o == null ? null : new LinkedHashMap<String, Object>(Json.decodeValue(o.encode(), Map.class));
  }
}
