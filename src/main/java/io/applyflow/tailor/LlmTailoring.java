package io.applyflow.tailor;

import io.applyflow.llm.LlmClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The optional LLM part of tailoring: rewording the chosen bullets, a cover letter and interview questions, each
 * passed through a {@link FactGate} before anything is used. A rewrite that fails the gate is replaced by its source
 * bullet; a letter with any offending paragraph is replaced by the template letter; an offending question is
 * dropped. Asynchronous (the {@link LlmClient} never blocks); every call has an overall deadline, and a failed or
 * late call completes this class's futures with the caller's deterministic fallback — the run always goes on.
 * The model is sent the posting and the tailored resume without the candidate's contact details.
 */
public final class LlmTailoring {
  /** An LLM call (retries included) that takes longer than this is given up; the deterministic path is used. */
  public static final long DEADLINE_SECONDS = 90;
  private static final int MAX_DESCRIPTION_CHARS = 6_000;

  static final String REWORD = "reworded_bullets";
  static final String LETTER = "cover_letter";
  static final String QUESTIONS = "interview_questions";

  private static final String RULES = """
      Never add a fact: no number, percentage, amount, date, employer, job title, school, degree, product or \
      technology that is not already in the candidate's own text. Never claim a skill the candidate does not list. \
      Keep each statement true to its source.""";

  private final LlmClient llm;

  public LlmTailoring(LlmClient llm) {
    this.llm = llm;
  }

  /** One bullet's rewording: the source, what the model proposed (null if nothing), and the gate's verdict. */
  public record Rewording(String id, String source, String proposed, boolean accepted, List<String> offending) {
    public Rewording {
      offending = List.copyOf(offending);
    }
  }

  /** Text the model wrote, with the terms the gate refused (empty when everything passed). */
  public record Gated(List<String> texts, List<String> offending) {
    public Gated {
      texts = List.copyOf(texts);
      offending = List.copyOf(offending);
    }
  }

  /**
   * Asks the model to reword {@code bullets} for the job and gates every proposal; a bullet the model left out or
   * returned unchanged is kept as it is (accepted = false, no offending terms).
   */
  public Future<List<Rewording>> reword(List<Bullet> bullets, String jobTitle, String company, String description,
                                        FactGate gate, String runKey) {
    JsonArray items = new JsonArray();
    bullets.forEach(b -> items.add(new JsonObject().put("id", b.id()).put("text", b.text())));
    String system = "You edit resume bullets so that they speak to one job posting. " + RULES
        + " Return every bullet with its id unchanged.";
    String user = posting(jobTitle, company, description) + "\n\nBullets (JSON):\n" + items.encode()
        + "\n\nAnswer {\"bullets\": [{\"id\": \"<same id>\", \"text\": \"<reworded bullet>\"}]}.";
    return ask(system, user, schema(REWORD, "bullets", new JsonObject().put("type", "object")
        .put("required", new JsonArray().add("id").add("text"))
        .put("properties", new JsonObject().put("id", string()).put("text", string()))), runKey)
        .map(answer -> {
          Map<String, String> proposed = new LinkedHashMap<>();
          for (Object o : answer.getJsonArray("bullets", new JsonArray())) {
            if (o instanceof JsonObject j && j.getValue("id") instanceof String id && j.getValue("text") instanceof String t) {
              proposed.putIfAbsent(id, t.strip());
            }
          }
          List<Rewording> out = new ArrayList<>();
          for (Bullet b : bullets) {
            String p = proposed.get(b.id());
            if (p == null || p.isBlank() || p.equals(b.text())) {
              out.add(new Rewording(b.id(), b.text(), p, false, List.of()));
              continue;
            }
            List<String> bad = gate.offending(p);
            out.add(new Rewording(b.id(), b.text(), p, bad.isEmpty(), bad));
          }
          return out;
        });
  }

  /** A cover letter from the model; {@code offending} lists every refused term of every paragraph. */
  public Future<Gated> coverLetter(TailoredResume resume, String jobTitle, String company, String description,
                                   FactGate gate, String runKey) {
    return written("You write short, plain cover letters (3 or 4 paragraphs, greeting to sign-off) from a "
        + "candidate's resume for one job posting. ", LETTER, "paragraphs", "", resume, jobTitle, company, description,
        gate, runKey);
  }

  /** Interview questions the candidate should prepare for; {@code offending} lists refused terms. */
  public Future<Gated> interviewQuestions(TailoredResume resume, String jobTitle, String company,
                                          String description, FactGate gate, String runKey) {
    return written("You list the questions an interviewer for this job is likely to ask this candidate, based "
        + "on the posting's requirements and responsibilities and the candidate's resume. ", QUESTIONS, "questions",
        " with 5 to 8 questions", resume, jobTitle, company, description, gate, runKey);
  }

  /** Asks for {@code {field: [texts]}} about the candidate and the job, and gates every text. */
  private Future<Gated> written(String task, String schemaTitle, String field, String howMany, TailoredResume resume,
                                String jobTitle, String company, String description, FactGate gate, String runKey) {
    String user = posting(jobTitle, company, description)
        + "\n\nCandidate resume (JSON):\n" + withoutContact(resume).encode()
        + "\n\nAnswer {\"" + field + "\": [\"...\"]}" + howMany + ".";
    return ask(task + RULES, user, schema(schemaTitle, field, string()), runKey)
        .map(answer -> gated(answer.getJsonArray(field, new JsonArray()), gate));
  }

  /** {@code resume} with the accepted rewordings in place of their source bullets' text. */
  public static TailoredResume apply(TailoredResume resume, List<Rewording> rewordings) {
    Map<String, String> accepted = new LinkedHashMap<>();
    rewordings.stream().filter(Rewording::accepted).forEach(r -> accepted.put(r.id(), r.proposed()));
    return resume.withTexts(accepted);
  }

  /**
   * The resume as the model sees it: no email, phone, location or links, which it needs for nothing; the skills once,
   * in their groups ({@code skillGroups}), without the flat {@code skills} list that repeats them.
   */
  static JsonObject withoutContact(TailoredResume resume) {
    JsonObject json = JsonObject.mapFrom(resume);
    for (String field : List.of("email", "phone", "location", "links", "skills")) {
      json.remove(field);
    }
    return json;
  }

  private Future<JsonObject> ask(String system, String user, JsonObject schema, String runKey) {
    return llm.completeJson(system, user, schema, runKey).timeout(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  /** Every text, with the refused terms of all of them; texts that fail are marked by their terms. */
  private static Gated gated(JsonArray texts, FactGate gate) {
    List<String> kept = new ArrayList<>();
    Set<String> bad = new LinkedHashSet<>();
    for (Object o : texts) {
      if (o instanceof String s && !s.isBlank()) {
        List<String> off = gate.offending(s);
        if (off.isEmpty()) {
          kept.add(s.strip());
        }
        bad.addAll(off);
      }
    }
    return new Gated(kept, new ArrayList<>(bad));
  }

  private static JsonObject schema(String title, String field, JsonObject items) {
    return new JsonObject().put("title", title).put("type", "object")
        .put("required", new JsonArray().add(field))
        .put("properties", new JsonObject().put(field, new JsonObject().put("type", "array").put("items", items)));
  }

  private static JsonObject string() {
    return new JsonObject().put("type", "string");
  }

  /** The job part of every prompt: title, company and the posting, clipped to {@value #MAX_DESCRIPTION_CHARS}. */
  private static String posting(String jobTitle, String company, String description) {
    String d = description == null ? "" : description;
    return "Job: " + jobTitle + " at " + company + "\n\nPosting:\n"
        + (d.length() <= MAX_DESCRIPTION_CHARS ? d : d.substring(0, MAX_DESCRIPTION_CHARS) + " …");
  }
}
