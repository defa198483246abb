package io.applyflow.profile;

import io.applyflow.platform.fonts.Fonts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Applyflow read from a profile, as the profile page shows it after saving: the contact details the forms and
 * the PDF will use (with where each comes from), and how many roles, bullets, skills, projects and schools it found
 * ("3 roles, 12 bullets, 8 skills"), so a person sees at once whether their resume was understood. Pure.
 */
public final class ProfileSummary {
  private ProfileSummary() {
  }

  /** {@code resume} is a JSON Resume document, {@code applicant} the application answers (either may be null). */
  public static Map<String, Object> of(JsonObject resume, JsonObject applicant) {
    JsonObject r = resume == null ? new JsonObject() : resume;
    JsonObject a = applicant == null ? new JsonObject() : applicant;
    JsonObject basics = obj(r.getValue("basics"));
    Map<String, Object> m = new HashMap<>();

    // The same resolution the PDF header and the forms use (Contact), so the preview is what will be sent.
    Contact c = Contact.of(new JsonObject().put("resume", r).put("applicant", a));
    String you = "your answers below";
    List<Map<String, String>> contact = new ArrayList<>();
    add(contact, "Name on the resume", c.name(), str(a, "first_name") != null && str(a, "last_name") != null ? you
        : "resume");
    add(contact, "Name on forms", String.join(" ", nonNull(c.firstName(), c.lastName())),
        str(a, "first_name") != null || str(a, "last_name") != null ? you : "resume");
    add(contact, "Email", c.email(), str(a, "email") != null ? you : "resume");
    add(contact, "Phone", c.phone(), str(a, "phone") != null ? you : "resume");
    add(contact, "Location", c.location(), "resume");
    for (Contact.Link link : c.links()) {
      add(contact, link.label(), link.url(), link.source().startsWith("links.") ? you : "resume");
    }
    m.put("contact", contact);

    int roles = 0;
    int bullets = 0;
    for (Object w : arr(r.getValue("work"))) {
      roles++;
      bullets += arr(obj(w).getValue("highlights")).size();
    }
    int projects = 0;
    for (Object p : arr(r.getValue("projects"))) {
      projects++;
      bullets += arr(obj(p).getValue("highlights")).size();
    }
    int skills = 0;
    for (Object s : arr(r.getValue("skills"))) {
      int keywords = arr(obj(s).getValue("keywords")).size();
      skills += keywords > 0 ? keywords : str(obj(s), "name") == null ? 0 : 1;
    }
    int schools = arr(r.getValue("education")).size();
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("role", roles);
    counts.put("bullet", bullets);
    counts.put("skill", skills);
    counts.put("project", projects);
    counts.put("school", schools);
    m.put("counts", counts);
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(v + " " + k + (v == 1 ? "" : "s")));
    m.put("line", String.join(", ", parts));
    m.put("undrawable", undrawable(r));
    m.put("hasSummary", str(basics, "summary") != null);
    m.put("empty", bullets == 0);
    return m;
  }

  /** The parts of a JSON Resume the PDF prints. */
  private static final List<String> PRINTED = List.of("basics", "work", "projects", "education", "skills");
  /** At most this many characters are named. */
  private static final int MAX_UNDRAWABLE = 5;

  /**
   * The characters of the printed parts that no font of the PDF can draw (an emoji, say), each as "U+1F680 '🚀'
   * (ROCKET) in work[0].highlights[1]", at most {@value #MAX_UNDRAWABLE}. A resume that shows one fails the parse-back
   * check of every job, so the person hears of it when saving rather than from every job.
   */
  static List<String> undrawable(JsonObject resume) {
    List<String> out = new ArrayList<>();
    for (String part : PRINTED) {
      undrawable(resume.getValue(part), part, out);
    }
    return out;
  }

  private static void undrawable(Object value, String path, List<String> out) {
    if (out.size() >= MAX_UNDRAWABLE) {
      return;
    }
    if (value instanceof String s) {
      String c = Fonts.firstUncovered(Normalizer.normalize(s, Normalizer.Form.NFC));
      if (c != null) {
        out.add(c + " in " + path);
      }
    } else if (value instanceof JsonObject o) {
      for (String k : o.fieldNames()) {
        undrawable(o.getValue(k), path + "." + k, out);
      }
    } else if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        undrawable(a.getValue(i), path + "[" + i + "]", out);
      }
    }
  }

  private static void add(List<Map<String, String>> out, String label, String value, String from) {
    if (value != null && !value.isBlank()) {
      out.add(Map.of("label", label, "value", value, "from", from));
    }
  }

  private static List<String> nonNull(String... values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        out.add(v.strip());
      }
    }
    return out;
  }

  private static JsonObject obj(Object o) {
    return o instanceof JsonObject j ? j : new JsonObject();
  }

  private static JsonArray arr(Object o) {
    return o instanceof JsonArray a ? a : new JsonArray();
  }

  private static String str(JsonObject o, String key) {
    Object v = o.getValue(key);
    return v instanceof String s && !s.isBlank() ? s : null;
  }
}
