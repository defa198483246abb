package io.applyflow.resumeimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.render.RenderOptions;
import io.applyflow.render.ResumePdf;
import io.applyflow.support.Fixtures;
import io.applyflow.tailor.Tailor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fixture resumes rendered to PDF by Applyflow itself (both templates) parse back to their own employers, titles
 * and dates. Prints fields recovered / fields per resume and in total.
 */
class FixtureRoundTripTest {
  private static final ResumePdf PDF = new ResumePdf();

  /** One compared field: what the fixture says and what the draft says. */
  record Field(String what, String expected, String actual, boolean core) {
    boolean ok() {
      return expected == null ? actual == null : expected.equals(actual);
    }
  }

  static List<Field> compare(JsonNode fixture, JsonNode draft) {
    List<Field> out = new ArrayList<>();
    JsonNode b = fixture.path("basics");
    JsonNode d = draft.path("basics");
    out.add(new Field("name", text(b, "name"), text(d, "name"), false));
    out.add(new Field("email", text(b, "email"), text(d, "email"), false));
    out.add(new Field("phone", text(b, "phone"), text(d, "phone"), false));
    JsonNode work = fixture.path("work");
    for (int i = 0; i < work.size(); i++) {
      JsonNode w = work.get(i);
      JsonNode got = draft.path("work").path(i);
      String company = text(w, "name") != null ? text(w, "name") : text(w, "company");
      out.add(new Field("work[" + i + "].name", company, text(got, "name"), true));
      out.add(new Field("work[" + i + "].position", text(w, "position"), text(got, "position"), true));
      out.add(new Field("work[" + i + "].startDate", month(text(w, "startDate")), text(got, "startDate"), true));
      out.add(new Field("work[" + i + "].endDate", month(text(w, "endDate")), text(got, "endDate"), true));
    }
    JsonNode edu = fixture.path("education");
    for (int i = 0; i < edu.size(); i++) {
      out.add(new Field("education[" + i + "].institution", text(edu.get(i), "institution"),
          text(draft.path("education").path(i), "institution"), false));
    }
    return out;
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.path(key);
    return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
  }

  private static String month(String iso) {
    return iso == null ? null : iso.length() >= 7 ? iso.substring(0, 7) : iso;
  }

  @Test
  void fixturePdfsParseBackToTheirOwnEmployersTitlesAndDates() throws IOException {
    int total = 0;
    int recovered = 0;
    int bullets = 0;
    int bulletsBack = 0;
    List<String> misses = new ArrayList<>();
    for (String name : List.of("sample", "senior-engineer", "new-grad", "career-changer", "multiscript")) {
      JsonNode fixture = Fixtures.resume(name);
      for (RenderOptions.Template t : RenderOptions.Template.values()) {
        io.applyflow.tailor.TailoredResume tailored = Tailor.tailor(fixture, Fixtures.description("staff-backend"));
        byte[] pdf = PDF.render(tailored, new RenderOptions(t, RenderOptions.Paper.LETTER, 2));
        ResumeImport.Result r = ResumeImport.read(pdf);
        // the bullets as printed (wrapped lines joined back), each a highlight of its role, word for word
        for (int i = 0; i < tailored.work().size(); i++) {
          List<String> got = new ArrayList<>();
          r.draft().path("work").path(i).path("highlights").forEach(h -> got.add(h.asText()));
          for (io.applyflow.tailor.Bullet b : tailored.work().get(i).bullets()) {
            bullets++;
            if (got.contains(java.text.Normalizer.normalize(b.text(), java.text.Normalizer.Form.NFC))) {
              bulletsBack++;
            } else {
              System.out.println("  bullet not recovered as written: " + b.text() + "\n    got " + got);
            }
          }
        }
        List<Field> fields = compare(fixture, r.draft());
        long ok = fields.stream().filter(Field::ok).count();
        total += fields.size();
        recovered += (int) ok;
        System.out.printf("import accuracy %-16s %-8s %d/%d fields%n", name, t.id(), ok, fields.size());
        for (Field f : fields) {
          if (!f.ok()) {
            System.out.println("  miss " + f.what() + ": expected " + f.expected() + ", got " + f.actual());
            if (f.core()) {
              misses.add(name + "/" + t.id() + " " + f.what() + ": expected " + f.expected() + ", got " + f.actual());
            }
          }
        }
      }
    }
    System.out.printf("import accuracy total %d/%d fields (%.1f%%)%n", recovered, total, 100.0 * recovered / total);
    System.out.printf("import accuracy bullets %d/%d recovered word for word%n", bulletsBack, bullets);
    assertEquals(List.of(), misses, "every employer, title and date comes back");
    assertTrue(bulletsBack * 10 >= bullets * 9, "at least 90% of the bullets come back whole: " + bulletsBack + "/" + bullets);
    assertTrue(recovered == total, recovered + "/" + total);
  }
}
