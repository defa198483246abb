package io.applyflow.tailor;

import io.applyflow.job.JobBus;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.profile.Contact;
import io.applyflow.profile.Profiles;
import io.applyflow.job.Job;
import io.applyflow.job.JobStatus;
import io.applyflow.job.Jobs;
import io.applyflow.job.RunEvents;
import io.applyflow.job.Stages;
import io.applyflow.llm.LlmClient;
import io.applyflow.llm.LlmConfig;
import io.applyflow.llm.LlmSpend;
import io.applyflow.settings.SettingsStore;
import io.applyflow.score.Resumes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tailor stage (event loop; the engine is pure and fast, the LLM client asynchronous). Consumes {@code tailor.job}
 * for accepted jobs: chooses and orders the profile's own bullets ({@link Tailor}), records what happened to every
 * master bullet ({@link TailorDiff}), and writes a cover letter ({@link CoverLetter}) and interview questions
 * ({@link InterviewQuestions}) from templates. With an LLM configured ({@link LlmTailoring}) it also asks for
 * rewordings, a letter and questions, and keeps only what passes the {@link FactGate}; every refusal is an event
 * naming the offending terms. Without an LLM, or when it fails, the deterministic result is stored and the run
 * goes on.
 */
public final class TailorVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(TailorVerticle.class);

  private final Jobs jobs;
  private final Profiles profiles;
  private final LlmTailoring llm;
  private final Function<Long, Future<LlmConfig>> llmConfigs;
  private final RunEvents runEvents;
  private final SettingsStore settings;

  /**
   * {@code llm} null: deterministic tailoring and templates only. Otherwise {@code llmConfigs} gives the LLM server a
   * user's jobs are tailored with (their own settings or the installation's); a user without one gets the
   * deterministic path.
   */
  public TailorVerticle(Jobs jobs, Profiles profiles, LlmTailoring llm, Function<Long, Future<LlmConfig>> llmConfigs,
                        RunEvents runEvents, SettingsStore settings) {
    this.jobs = jobs;
    this.profiles = profiles;
    this.llm = llm;
    this.llmConfigs = llmConfigs;
    this.runEvents = runEvents;
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    return Stages.consume(vertx, TailorBus.JOB, jobs, "tailor",
        (cmd, job) -> profiles.load(cmd.userId()).compose(p -> settings.load(cmd.userId())
            .compose(s -> tailor(cmd, job, p, s.resumePages() == 1 ? Tailor.Budget.ONE_PAGE : Tailor.Budget.TWO_PAGES))));
  }

  /**
   * Tailors within the budget of the user's page setting; the render stage then drops the lowest-ranked bullets
   * until the PDF really fits that many pages. With an LLM configured for the user: one request to reword the
   * bullets, one for the letter and the questions together.
   */
  private Future<JobBus.StageResult> tailor(JobBus.JobCommand cmd, Job job, JsonObject profile, Tailor.Budget budget) {
    JsonNode resume = Resumes.tree(profile.getJsonObject("resume"));
    Contact contact = Contact.of(profile);
    TailoredResume chosen = Tailor.tailor(resume, contact, job.descriptionText(), budget);
    List<BulletChange> diff = TailorDiff.of(resume, chosen, job.descriptionText());
    // The letter is signed with the contact name, which may be the applicant's rather than basics.name.
    FactGate gate = FactGate.of(resume, Arrays.asList(job.company(), job.title(), contact.name()));
    // Questions may name what the posting asks for; they must not put new facts in the candidate's mouth.
    FactGate questionGate = FactGate.of(resume, List.of(job.company(), job.title(),
        job.descriptionText() == null ? "" : job.descriptionText()));
    Future<LlmConfig> configured = llm == null ? Future.succeededFuture(null)
        : llmConfigs.apply(cmd.userId()).recover(t -> unavailable(cmd, job, "key", t).map(v -> null));
    return configured.compose(config -> {
      boolean useLlm = config != null && config.isConfigured();
      LlmTailoring.JobAsked asked = new LlmTailoring.JobAsked(config, new LlmClient.Asker(cmd.userId(), job.runId(),
          job.id()), job.title(), job.company(), job.descriptionHtml() != null ? job.descriptionHtml()
          : job.descriptionText());
      Future<LlmTailoring.Reworded> reworded = !useLlm ? Future.succeededFuture(null)
          : llm.reword(asked, chosen, gate).recover(t -> unavailable(cmd, job, "rewording", t).map(v -> null));
      return reworded.compose(r -> {
        List<LlmTailoring.Rewording> rewordings = r == null ? null : r.rewordings();
        TailoredResume tailored = rewordings == null ? chosen : LlmTailoring.apply(chosen, rewordings);
        Future<LlmTailoring.Written> written = !useLlm ? Future.succeededFuture(null)
            : llm.letterAndQuestions(asked, tailored, gate, questionGate)
                .recover(t -> unavailable(cmd, job, "cover letter and interview questions", t).map(v -> null));
        return written.compose(w -> letter(cmd, job, tailored, w == null ? null : w.letter())
            .compose(letter -> questions(cmd, job, tailored, w == null ? null : w.questions())
                .compose(questions -> refusals(cmd, rewordings)
                    .compose(v -> store(cmd, tailored, diff, r, w, letter, questions)))));
      });
    });
  }

  /** The letter the model wrote when every paragraph passed the gate, else the template letter. */
  private Future<JsonObject> letter(JobBus.JobCommand cmd, Job job, TailoredResume tailored, LlmTailoring.Gated g) {
    JsonArray matching = job.scoreDetail() == null ? new JsonArray()
        : job.scoreDetail().getJsonArray("matching_skills", new JsonArray());
    List<String> skills = new ArrayList<>();
    matching.forEach(o -> skills.add(String.valueOf(o)));
    CoverLetter template = CoverLetter.template(tailored, job.company(), job.title(), skills);
    if (g == null) {
      return Future.succeededFuture(generated("paragraphs", template.paragraphs(), "template", List.of()));
    }
    if (g.offending().isEmpty() && !g.texts().isEmpty()) {
      return Future.succeededFuture(generated("paragraphs", g.texts(), "llm", List.of()));
    }
    JsonObject refused = generated("paragraphs", template.paragraphs(), "template", g.offending());
    return jobs.note(cmd, "tailor", "the fact gate refused the LLM's cover letter (not in your profile: "
            + String.join(", ", g.offending()) + "); the template letter is used",
        new JsonObject().put("offending", new JsonArray(g.offending())).put("document", "cover_letter"))
        .map(refused);
  }

  /** The model's questions that passed the gate when at least 3 did, else the template questions. */
  private Future<JsonObject> questions(JobBus.JobCommand cmd, Job job, TailoredResume tailored,
                                       LlmTailoring.Gated g) {
    List<String> template = InterviewQuestions.template(job.descriptionHtml(), job.title(), job.company(), tailored);
    if (g == null) {
      return Future.succeededFuture(generated("questions", template, "template", List.of()));
    }
    Future<Void> noted = g.offending().isEmpty() ? Future.succeededFuture()
        : jobs.note(cmd, "tailor", "the fact gate dropped LLM interview questions (not in your profile or the "
                + "posting: " + String.join(", ", g.offending()) + ")",
            new JsonObject().put("offending", new JsonArray(g.offending())).put("document", "interview_questions"));
    boolean enough = g.texts().size() >= 3;
    return noted.map(v -> generated("questions", enough ? g.texts() : template, enough ? "llm" : "template",
        g.offending()));
  }

  /** One event per rewording the fact gate refused, naming the offending terms. */
  private Future<Void> refusals(JobBus.JobCommand cmd, List<LlmTailoring.Rewording> rewordings) {
    Future<Void> all = Future.succeededFuture();
    if (rewordings == null) {
      return all;
    }
    for (LlmTailoring.Rewording r : rewordings) {
      if (!r.accepted() && !r.offending().isEmpty()) {
        all = all.compose(v -> jobs.note(cmd, "tailor", "the fact gate refused the rewording of " + r.id()
                + " (not in your profile: " + String.join(", ", r.offending()) + "); your own bullet is kept",
            new JsonObject().put("id", r.id()).put("offending", new JsonArray(r.offending()))
                .put("proposed", r.proposed())));
      }
    }
    return all;
  }

  /** A stored letter or question list: {@code {<field>: [...], source: llm|template, offending: [...]}}. */
  private static JsonObject generated(String field, List<String> texts, String source, List<String> offending) {
    return new JsonObject().put(field, new JsonArray(texts)).put("source", source)
        .put("offending", new JsonArray(offending));
  }

  /** What the LLM cost this job, as the job's history says it: "; the LLM: 1,843 tokens in 2 requests". */
  private static String cost(LlmTailoring.Reworded reworded, LlmTailoring.Written written) {
    if (reworded == null && written == null) {
      return "";
    }
    long tokens = (reworded == null ? 0 : reworded.tokens()) + (written == null ? 0 : written.tokens());
    int requests = (reworded == null ? 0 : 1) + (written == null ? 0 : 1);
    int cached = (reworded != null && reworded.cached() ? 1 : 0) + (written != null && written.cached() ? 1 : 0);
    if (cached == requests) {
      return "; the LLM: " + (requests == 1 ? "its answer" : "both answers") + " from the cache, 0 tokens";
    }
    return String.format(java.util.Locale.ROOT, "; the LLM: %,d tokens in %d request%s%s", tokens, requests,
        requests == 1 ? "" : "s", cached == 0 ? "" : " (" + cached + " answered from the cache, free)");
  }

  private static String from(JsonObject generated) {
    return "llm".equals(generated.getString("source")) ? "the LLM (fact-checked)" : "a template";
  }

  /**
   * Notes on the job that the LLM could not help (and why); a spent budget is also said once on the run page. The run
   * goes on with the deterministic result.
   */
  private Future<Void> unavailable(JobBus.JobCommand cmd, Job job, String what, Throwable t) {
    log.atWarn().addKeyValue("job_id", cmd.jobId()).log("LLM {} unavailable for job {}: {}", what, cmd.jobId(),
        t.getMessage());
    Future<Void> once = !LlmSpend.isBudget(t) ? Future.succeededFuture()
        : runEvents.llmOnce(job.runId(), cmd.userId(), t.getMessage().startsWith(LlmSpend.DAY_SPENT) ? "day" : "run",
            t.getMessage() + ". The rest of this run is tailored without the LLM: your own bullets, the template "
                + "letter and questions.");
    return once.recover(e -> Future.succeededFuture())
        .compose(v -> jobs.note(cmd, "tailor", "the LLM " + what + " was not available (" + t.getMessage()
            + "); the deterministic result is used", null))
        .recover(e -> Future.succeededFuture());
  }

  private Future<JobBus.StageResult> store(JobBus.JobCommand cmd, TailoredResume tailored, List<BulletChange> diff,
                                           LlmTailoring.Reworded reworded, LlmTailoring.Written written,
                                           JsonObject letter, JsonObject questions) {
    List<LlmTailoring.Rewording> rewordings = reworded == null ? null : reworded.rewordings();
    JsonArray diffJson = new JsonArray();
    diff.forEach(c -> diffJson.add(JsonObject.mapFrom(c)));
    JsonArray rewordingJson = null;
    long accepted = 0;
    if (rewordings != null) {
      rewordingJson = new JsonArray();
      for (LlmTailoring.Rewording r : rewordings) {
        rewordingJson.add(JsonObject.mapFrom(r));
      }
      accepted = rewordings.stream().filter(LlmTailoring.Rewording::accepted).count();
    }
    long dropped = diff.stream().filter(c -> "dropped".equals(c.change())).count();
    long moved = diff.stream().filter(c -> "moved".equals(c.change())).count();
    JsonArray ids = new JsonArray(tailored.bullets().stream().map(Bullet::id).toList());
    // summary sentences are counted apart from bullets, as the job page counts them
    List<BulletChange> bullets = diff.stream().filter(c -> !c.id().startsWith(Tailor.SUMMARY_ID)).toList();
    long chosen = bullets.stream().filter(c -> !"dropped".equals(c.change())).count();
    long sentences = diff.size() - bullets.size();
    long sentencesKept = diff.stream().filter(c -> c.id().startsWith(Tailor.SUMMARY_ID) && !"dropped".equals(c.change()))
        .count();
    String message = "chose " + chosen + " of your " + bullets.size() + " bullets"
        + (sentences == 0 ? "" : " and " + sentencesKept + " of your " + sentences + " summary sentences")
        + " (" + dropped + " dropped, " + moved + " moved) and ordered " + tailored.skills().size() + " skills for this job"
        + (rewordings == null ? "" : "; the LLM reworded " + accepted + " of them within the fact gate")
        + "; cover letter from " + from(letter) + ", interview questions from " + from(questions)
        + cost(reworded, written);
    JsonArray finalRewording = rewordingJson;
    return jobs.transition(cmd, "tailor", JobStatus.TAILORED, message,
        new JsonObject().put("bullets", ids).put("dropped", dropped).put("moved", moved),
        conn -> conn.preparedQuery("""
                update jobs set tailored = $3, tailor_diff = $4, rewording = $5, cover_letter = $6,
                  interview_questions = $7
                where id = $1 and user_id = $2""")
            .execute(Tuple.of(cmd.jobId(), cmd.userId(), JsonObject.mapFrom(tailored), diffJson, finalRewording,
                letter, questions)));
  }
}
