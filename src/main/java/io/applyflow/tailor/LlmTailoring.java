package io.applyflow.tailor;

import io.applyflow.llm.LlmClient;
import io.applyflow.llm.LlmConfig;
import io.applyflow.llm.TokenCount;
import io.applyflow.score.Posting;
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
 * The optional LLM part of tailoring, in at most two requests per job, each passed through a {@link FactGate} before
 * anything is used:
 * <ol>
 *   <li>{@link #reword}: the chosen bullets, as one JSON array with their roles, reworded for the job. A rewrite that
 *       fails the gate is replaced by its source bullet.</li>
 *   <li>{@link #letterAndQuestions}: the cover letter and the interview questions together. A letter with any
 *       offending paragraph is replaced by the template letter; an offending question is dropped.</li>
 * </ol>
 *
 * <p><b>What the prompts carry</b> is only what the task needs, as one compact JSON object: the job's title and
 * company, the posting's requirement and responsibility sentences ({@link Posting#sentences}; never its benefits,
 * legal text or company blurb), and the candidate's chosen bullets with their roles (the letter: the name, the
 * summary, a few bullets per role and the skills). Never the contact details, never the whole resume.
 *
 * <p><b>What a job may cost</b> ({@code tokensPerJob}, 2,000 by default, prompts and answers of both requests) is
 * planned before asking, with {@link TokenCount}: the letter's request gets a fixed share; the rewording gets the
 * rest, spent on the posting's sentences up to a cap and then on bullets, taken round-robin across roles (each
 * role's most relevant first) while the prompt and the answer expected for them still fit. Bullets past the plan
 * are kept as written. The plan depends only on the inputs, so the same job asks the same questions and a rerun is
 * answered from the cache.
 *
 * <p>Asynchronous (the {@link LlmClient} never blocks); a failed call completes with the failure and the caller uses
 * its deterministic fallback: the run always goes on.
 */
public final class LlmTailoring {
  /** An outer limit on one request, on top of the client's own deadline; the deterministic path is used past it. */
  public static final long DEADLINE_SECONDS = LlmClient.DEFAULT_DEADLINE.toSeconds() + 20;

  static final String REWORD = "reworded_bullets";
  static final String LETTER_AND_QUESTIONS = "letter_and_questions";

  /** The letter request's share of a job's tokens: its prompt cap and the answer it asks for. */
  static final int LETTER_PROMPT_CAP = 430;
  static final int LETTER_ANSWER_EXPECTED = 300;
  static final int LETTER_MAX_TOKENS = 520;
  /** Tokens of posting sentences in each prompt, at most. */
  static final int REWORD_POSTING_CAP = 170;
  static final int LETTER_POSTING_CAP = 110;
  /** The letter's candidate: this many roles, this many bullets each, this many skills. */
  static final int LETTER_ROLES = 3;
  static final int LETTER_BULLETS_PER_ROLE = 2;
  static final int LETTER_SKILLS = 12;
  /** The client's closing instruction ("Answer with a single JSON object only…") and the blank line before it. */
  private static final int INSTRUCTION = 18;
  private static final int MAX_SENTENCE_CHARS = 240;
  private static final int MAX_SUMMARY_CHARS = 400;

  private static final String RULES = "Never add a fact: no number, percentage, amount, date, employer, job title, "
      + "school, degree, product, technology or skill that the candidate's own text does not state.";
  static final String REWORD_SYSTEM = "You reword a candidate's resume bullets so that they speak to one "
      + "job. " + RULES + " Keep each bullet's meaning and about its length. Give back each bullet you change with "
      + "its id unchanged; leave out bullets you would not change.";
  static final String LETTER_SYSTEM = "For one candidate and one job you write a plain cover letter of 3 "
      + "short paragraphs, greeting to sign-off, from the candidate's roles, bullets and skills, and 5 to 8 questions "
      + "an interviewer is likely to ask, from the job's requirements and responsibilities. " + RULES;

  private final LlmClient llm;
  private final int tokensPerJob;

  public LlmTailoring(LlmClient llm, int tokensPerJob) {
    this.llm = llm;
    this.tokensPerJob = tokensPerJob;
  }

  /** The job a question is about, and who asks: the prompts' common part. */
  public record JobAsked(LlmConfig config, LlmClient.Asker asker, String title, String company, String description) {
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

  /** The rewordings of every chosen bullet (asked or not), and what the request cost. */
  public record Reworded(List<Rewording> rewordings, int asked, long tokens, boolean cached) {
    public Reworded {
      rewordings = List.copyOf(rewordings);
    }
  }

  /** The letter and the questions from one request, each gated, and what it cost. */
  public record Written(Gated letter, Gated questions, long tokens, boolean cached) {
  }

  /**
   * Asks the model to reword the planned share of {@code resume}'s bullets and gates every proposal; a bullet not
   * asked about, left out or returned unchanged is kept as it is (accepted = false, no offending terms).
   */
  public Future<Reworded> reword(JobAsked job, TailoredResume resume, FactGate gate) {
    Plan plan = plan(job, resume);
    if (plan.items().isEmpty()) {
      // the job's tokens leave no room for a bullet: nothing to ask
      return Future.succeededFuture(new Reworded(resume.bullets().stream()
          .map(b -> new Rewording(b.id(), b.text(), null, false, List.of())).toList(), 0, 0, false));
    }
    return ask(job, "reword", REWORD_SYSTEM, rewordPrompt(job, plan), schema(REWORD, new JsonObject().put("bullets", array(
            new JsonObject().put("type", "object").put("required", new JsonArray().add("id").add("text"))
                .put("properties", new JsonObject().put("id", string()).put("text", string()))))),
        plan.maxTokens())
        .compose(answer -> {
          Map<String, String> proposed = new LinkedHashMap<>();
          for (Object o : answer.json().getJsonArray("bullets", new JsonArray())) {
            if (o instanceof JsonObject j && j.getValue("id") instanceof String id
                && j.getValue("text") instanceof String t && plan.ids().containsKey(id)) {
              proposed.putIfAbsent(plan.ids().get(id), t.strip());
            }
          }
          List<Rewording> out = new ArrayList<>();
          boolean refused = false;
          for (Bullet b : resume.bullets()) {
            String p = proposed.get(b.id());
            if (p == null || p.isBlank() || p.equals(b.text())) {
              out.add(new Rewording(b.id(), b.text(), p, false, List.of()));
              continue;
            }
            List<String> bad = gate.offending(p);
            refused |= !bad.isEmpty();
            out.add(new Rewording(b.id(), b.text(), p, bad.isEmpty(), bad));
          }
          Reworded result = new Reworded(out, plan.ids().size(), answer.tokens(), answer.cached());
          return (refused ? llm.refused(answer.cacheKey()) : Future.<Void>succeededFuture()).map(result);
        });
  }

  /**
   * One request for the cover letter and the interview questions about {@code resume} (already reworded); the
   * letter is gated by {@code letterGate}, the questions, which may name what the posting asks for, by
   * {@code questionGate}.
   */
  public Future<Written> letterAndQuestions(JobAsked job, TailoredResume resume, FactGate letterGate,
                                            FactGate questionGate) {
    return ask(job, "letter_and_questions", LETTER_SYSTEM, letterPrompt(job, resume), schema(LETTER_AND_QUESTIONS, new JsonObject()
            .put("paragraphs", array(string())).put("questions", array(string()))), LETTER_MAX_TOKENS)
        .compose(answer -> {
          Gated letter = gated(answer.json().getJsonArray("paragraphs", new JsonArray()), letterGate);
          Gated questions = gated(answer.json().getJsonArray("questions", new JsonArray()), questionGate);
          Written result = new Written(letter, questions, answer.tokens(), answer.cached());
          boolean refused = !letter.offending().isEmpty() || !questions.offending().isEmpty();
          return (refused ? llm.refused(answer.cacheKey()) : Future.<Void>succeededFuture()).map(result);
        });
  }

  /** {@code resume} with the accepted rewordings in place of their source bullets' text. */
  public static TailoredResume apply(TailoredResume resume, List<Rewording> rewordings) {
    Map<String, String> accepted = new LinkedHashMap<>();
    rewordings.stream().filter(Rewording::accepted).forEach(r -> accepted.put(r.id(), r.proposed()));
    return resume.withTexts(accepted);
  }

  // --- the plan: what the rewording request carries within the job's tokens --------------------------------

  /** The rewording request's user message. */
  static JsonObject rewordPrompt(JobAsked job, Plan plan) {
    return jobPart(job, plan.posting()).put("bullets", plan.items());
  }

  /** The letter and questions request's user message. */
  static JsonObject letterPrompt(JobAsked job, TailoredResume resume) {
    return fitted(jobPart(job, posting(job.description(), LETTER_POSTING_CAP)), candidate(resume));
  }

  /**
   * The rewording request: the posting's sentences, the bullets asked about (short ids {@code b1}… mapped to their
   * resume ids) and the answer's {@code max_tokens}.
   */
  record Plan(JsonObject posting, JsonArray items, Map<String, String> ids, int maxTokens) {
  }

  Plan plan(JobAsked job, TailoredResume resume) {
    JsonObject posting = posting(job.description(), REWORD_POSTING_CAP);
    int fixed = TokenCount.PRIMING + 2 * TokenCount.PER_MESSAGE + TokenCount.text(REWORD_SYSTEM) + INSTRUCTION
        + TokenCount.text(jobPart(job, posting).encode());
    int room = tokensPerJob - LETTER_PROMPT_CAP - LETTER_ANSWER_EXPECTED - fixed;
    JsonArray items = new JsonArray();
    Map<String, String> ids = new LinkedHashMap<>();
    int answer = 0;
    for (Placed p : roundRobin(resume)) {
      String shortId = "b" + (ids.size() + 1);
      JsonObject item = new JsonObject().put("id", shortId).put("role", p.role()).put("text", p.bullet().text());
      int in = TokenCount.text(item.encode()) + 1;
      int text = TokenCount.text(p.bullet().text());
      // expected: the bullet back, a little longer, in {"id":"b1","text":"…"}; max: half as long again
      int expected = text + text / 10 + 9;
      if (in + expected > room) {
        break;
      }
      room -= in + expected;
      answer += text + text / 2 + 10;
      items.add(item);
      ids.put(shortId, p.bullet().id());
    }
    return new Plan(posting, items, ids, Math.max(64, answer + 16));
  }

  private record Placed(String role, Bullet bullet) {
  }

  /** The summary first, then every role's first bullet, then every role's second, and so on. */
  private static List<Placed> roundRobin(TailoredResume resume) {
    List<Placed> out = new ArrayList<>();
    if (resume.summary() != null) {
      out.add(new Placed("Summary", resume.summary()));
    }
    List<Role> roles = new ArrayList<>(resume.work());
    roles.addAll(resume.projects());
    for (int rank = 0; ; rank++) {
      boolean any = false;
      for (Role r : roles) {
        if (rank < r.bullets().size()) {
          out.add(new Placed(role(r), r.bullets().get(rank)));
          any = true;
        }
      }
      if (!any) {
        return out;
      }
    }
  }

  private static String role(Role r) {
    String title = r.title() == null ? "" : r.title();
    String org = r.organisation() == null ? "" : r.organisation();
    return title.isEmpty() ? org : org.isEmpty() ? title : title + " at " + org;
  }

  /** The letter's view of the candidate: name, summary, the first roles with their first bullets, top skills. */
  static JsonObject candidate(TailoredResume resume) {
    JsonArray roles = new JsonArray();
    List<Role> all = new ArrayList<>(resume.work());
    all.addAll(resume.projects());
    for (Role r : all.subList(0, Math.min(LETTER_ROLES, all.size()))) {
      JsonArray bullets = new JsonArray();
      r.bullets().stream().limit(LETTER_BULLETS_PER_ROLE).forEach(b -> bullets.add(b.text()));
      roles.add(new JsonObject().put("title", r.title()).put("company", r.organisation()).put("bullets", bullets));
    }
    String summary = resume.summary() == null ? null : clip(resume.summary().text(), MAX_SUMMARY_CHARS);
    return new JsonObject().put("name", resume.name()).put("summary", summary).put("roles", roles)
        .put("skills", new JsonArray(resume.skills().stream().limit(LETTER_SKILLS).toList()));
  }

  /**
   * The letter's prompt within {@link #LETTER_PROMPT_CAP}: bullets are dropped from the last role backwards, then
   * the summary, while the prompt is too long.
   */
  private static JsonObject fitted(JsonObject jobPart, JsonObject candidate) {
    int fixed = TokenCount.PRIMING + 2 * TokenCount.PER_MESSAGE + TokenCount.text(LETTER_SYSTEM) + INSTRUCTION;
    JsonObject user = jobPart.put("candidate", candidate);
    JsonArray roles = candidate.getJsonArray("roles");
    while (fixed + TokenCount.text(user.encode()) > LETTER_PROMPT_CAP) {
      JsonArray last = null;
      for (int i = roles.size() - 1; i >= 0 && last == null; i--) {
        JsonArray b = roles.getJsonObject(i).getJsonArray("bullets");
        last = b.isEmpty() ? null : b;
      }
      if (last != null) {
        last.remove(last.size() - 1);
      } else if (candidate.getValue("summary") != null) {
        candidate.putNull("summary");
      } else {
        break;
      }
    }
    return user;
  }

  /**
   * The posting's requirement sentences, then its responsibilities, in order, while they fit {@code cap} tokens;
   * when the posting names no such section, its general sentences stand in for the requirements.
   */
  static JsonObject posting(String description, int cap) {
    List<String> required = Posting.sentences(description, Posting.Section.REQUIRED);
    List<String> duties = Posting.sentences(description, Posting.Section.RESPONSIBILITIES);
    if (required.isEmpty() && duties.isEmpty()) {
      required = Posting.sentences(description, Posting.Section.GENERAL);
    }
    JsonArray req = new JsonArray();
    JsonArray resp = new JsonArray();
    int left = cap;
    int i = 0;
    int j = 0;
    // alternate two requirements to one responsibility, so a long requirements list leaves room for the duties
    while (left > 0 && (i < required.size() || j < duties.size())) {
      boolean takeRequired = i < required.size() && (j >= duties.size() || (i + j) % 3 != 2);
      String s = clip(takeRequired ? required.get(i++) : duties.get(j++), MAX_SENTENCE_CHARS);
      int cost = TokenCount.text(s) + 3;
      if (cost > left) {
        break;
      }
      left -= cost;
      (takeRequired ? req : resp).add(s);
    }
    return new JsonObject().put("requirements", req).put("responsibilities", resp);
  }

  private static JsonObject jobPart(JobAsked job, JsonObject posting) {
    return new JsonObject().put("job", new JsonObject().put("title", job.title()).put("company", job.company()))
        .put("requirements", posting.getJsonArray("requirements"))
        .put("responsibilities", posting.getJsonArray("responsibilities"));
  }

  private Future<LlmClient.Answer> ask(JobAsked job, String purpose, String system, JsonObject user,
                                       JsonObject schema, int maxTokens) {
    return llm.ask(job.config(), job.asker(), purpose, system, user.encode(), schema, maxTokens)
        .timeout(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  /** Every text, with the refused terms of all of them; texts that fail are left out. */
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

  private static JsonObject schema(String title, JsonObject properties) {
    return new JsonObject().put("title", title).put("type", "object")
        .put("required", new JsonArray(new ArrayList<>(properties.fieldNames())))
        .put("properties", properties);
  }

  private static JsonObject array(JsonObject items) {
    return new JsonObject().put("type", "array").put("items", items);
  }

  private static JsonObject string() {
    return new JsonObject().put("type", "string");
  }

  private static String clip(String s, int max) {
    String t = s == null ? "" : s.strip();
    return t.length() <= max ? t : t.substring(0, max).strip() + "…";
  }
}
