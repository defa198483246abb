package io.applyflow.tailor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.llm.LlmClient;
import io.applyflow.llm.LlmLimits;
import io.applyflow.llm.TokenCount;
import io.applyflow.profile.Contact;
import io.applyflow.search.RealPostings;
import io.applyflow.support.Fixtures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the tailoring's two LLM requests carry, for every fixture resume (the 40-bullet one and one in other scripts
 * included) against every real posting of the ATS fixtures: the planned cost of a job stays within
 * {@link LlmLimits#DEFAULT_TOKENS_PER_JOB}, the prompts carry the requirement and responsibility sentences but never the
 * posting's benefits or equal-opportunity text nor the candidate's contact details, and the plan is the same every
 * time (a rerun asks the same questions, so the cache answers it).
 */
class LlmPromptsTest {
  private static final int INSTRUCTION = 18;

  private record Case(String resume, RealPostings.Real posting, TailoredResume tailored, LlmTailoring.JobAsked job) {
  }

  private static List<Case> cases() throws IOException {
    return cases(Tailor.Budget.ONE_PAGE);
  }

  private static List<Case> cases(Tailor.Budget budget) throws IOException {
    Map<String, JsonNode> resumes = new LinkedHashMap<>();
    for (String r : Fixtures.RESUMES) {
      resumes.put(r, Fixtures.resume(r));
    }
    resumes.put("multiscript", Fixtures.resume("multiscript"));
    resumes.put("forty-bullets", Fixtures.fortyBulletResume());
    List<Case> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> r : resumes.entrySet()) {
      for (RealPostings.Real p : RealPostings.all()) {
        TailoredResume t = Tailor.tailor(r.getValue(), Contact.of(new JsonObject()), p.text(), budget);
        out.add(new Case(r.getKey(), p, t, new LlmTailoring.JobAsked(null, new LlmClient.Asker(1, 1L, 1L), p.title(),
            p.company(), p.descriptionHtml())));
      }
    }
    return out;
  }

  /** The planned tokens of a job: both prompts as sent and the answers the plan expects. */
  private static int planned(Case c, LlmTailoring.Plan plan) {
    int reword = prompt(LlmTailoring.REWORD_SYSTEM, LlmTailoring.rewordPrompt(c.job(), plan));
    int letter = prompt(LlmTailoring.LETTER_SYSTEM, LlmTailoring.letterPrompt(c.job(), c.tailored()));
    int expectedRewording = 0;
    for (Object o : plan.items()) {
      int t = TokenCount.text(((JsonObject) o).getString("text"));
      expectedRewording += t + t / 10 + 9;
    }
    return reword + expectedRewording + letter + LlmTailoring.LETTER_ANSWER_EXPECTED;
  }

  private static int prompt(String system, JsonObject user) {
    return TokenCount.prompt(new JsonArray().add(new JsonObject().put("role", "system").put("content", system))
        .add(new JsonObject().put("role", "user").put("content", user.encode()))) + INSTRUCTION;
  }

  @Test
  void everyJobIsPlannedWithinItsTokensAndAsksAboutMostBullets() throws IOException {
    LlmTailoring tailoring = new LlmTailoring(null, LlmLimits.DEFAULT_TOKENS_PER_JOB);
    int max = 0;
    long sum = 0;
    int asked = 0;
    int bullets = 0;
    List<Case> cases = cases();
    for (Case c : cases) {
      LlmTailoring.Plan plan = tailoring.plan(c.job(), c.tailored());
      int planned = planned(c, plan);
      assertTrue(planned <= LlmLimits.DEFAULT_TOKENS_PER_JOB, c.resume() + " × " + c.posting().title() + ": "
          + planned + " tokens planned");
      int letter = prompt(LlmTailoring.LETTER_SYSTEM, LlmTailoring.letterPrompt(c.job(), c.tailored()));
      assertTrue(letter <= LlmTailoring.LETTER_PROMPT_CAP, "letter prompt " + letter);
      assertFalse(plan.items().isEmpty(), c.resume() + " × " + c.posting().title() + ": no bullet asked about");
      max = Math.max(max, planned);
      sum += planned;
      asked += plan.items().size();
      bullets += c.tailored().bullets().size();
    }
    System.out.printf("LLM prompts: %d jobs, planned tokens per job mean %d, max %d; bullets asked about %d of %d "
        + "chosen (%.0f%%)%n", cases.size(), sum / cases.size(), max, asked, bullets, 100.0 * asked / bullets);
    assertTrue(asked * 10 >= bullets * 6, "at least 60% of the chosen bullets are reworded: " + asked + " of " + bullets);
  }

  @Test
  void twoPageResumesArePlannedWithinTheJobsTokensToo() throws IOException {
    LlmTailoring tailoring = new LlmTailoring(null, LlmLimits.DEFAULT_TOKENS_PER_JOB);
    int asked = 0;
    int bullets = 0;
    for (Case c : cases(Tailor.Budget.TWO_PAGES)) {
      LlmTailoring.Plan plan = tailoring.plan(c.job(), c.tailored());
      int planned = planned(c, plan);
      assertTrue(planned <= LlmLimits.DEFAULT_TOKENS_PER_JOB, c.resume() + " × " + c.posting().title() + ": "
          + planned + " tokens planned");
      asked += plan.items().size();
      bullets += c.tailored().bullets().size();
    }
    System.out.printf("LLM prompts, two pages: bullets asked about %d of %d chosen (%.0f%%)%n", asked, bullets,
        100.0 * asked / bullets);
  }

  @Test
  void thePromptsCarryRequirementsButNoBenefitsNoLegalTextAndNoContactDetails() throws IOException {
    Case c = cases().stream().filter(x -> x.resume().equals("senior-engineer")
        && x.posting().text().toLowerCase().contains("equal opportunity")).findFirst().orElseThrow();
    LlmTailoring.Plan plan = new LlmTailoring(null, 2_000).plan(c.job(), c.tailored());
    String reword = LlmTailoring.rewordPrompt(c.job(), plan).encode().toLowerCase();
    String letter = LlmTailoring.letterPrompt(c.job(), c.tailored()).encode().toLowerCase();
    for (String prompt : List.of(reword, letter)) {
      assertFalse(prompt.contains("equal opportunity"), prompt);
      assertFalse(prompt.contains("401(k)") || prompt.contains("health insurance"), prompt);
      assertFalse(prompt.contains("@"), "no e-mail address: " + prompt);
    }
    JsonObject user = LlmTailoring.rewordPrompt(c.job(), plan);
    assertFalse(user.getJsonArray("requirements").isEmpty() && user.getJsonArray("responsibilities").isEmpty());
  }

  @Test
  void thePlanIsTheSameEveryTime() throws IOException {
    Case c = cases().get(3);
    LlmTailoring tailoring = new LlmTailoring(null, 2_000);
    assertEquals(LlmTailoring.rewordPrompt(c.job(), tailoring.plan(c.job(), c.tailored())).encode(),
        LlmTailoring.rewordPrompt(c.job(), tailoring.plan(c.job(), c.tailored())).encode());
  }
}
