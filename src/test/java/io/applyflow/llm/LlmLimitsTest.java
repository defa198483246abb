package io.applyflow.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The budgets and known limits an account works under, and how the environment sets them. */
class LlmLimitsTest {
  private static final LlmConfig GROQ = new LlmConfig(LlmConfig.GROQ_BASE_URL, "gsk_x", LlmConfig.GROQ_DEFAULT_MODEL);
  private static final LlmConfig OLLAMA = new LlmConfig("http://localhost:11434/v1", null, "llama3.2");

  @Test
  void groqsFreeTierIsKnownPerModelAndOtherProvidersGetTheReferenceDay() {
    assertEquals(new LlmLimits(30, 12_000, 100_000, 20_000, 2_000), LlmLimits.Settings.DEFAULT.of(GROQ));
    assertEquals(new LlmLimits(30, 6_000, 500_000, 20_000, 2_000), LlmLimits.Settings.DEFAULT.of(
        new LlmConfig(LlmConfig.GROQ_BASE_URL, "gsk_x", "llama-3.1-8b-instant")));
    assertEquals(new LlmLimits(30, 6_000, 100_000, 20_000, 2_000), LlmLimits.Settings.DEFAULT.of(
        new LlmConfig(LlmConfig.GROQ_BASE_URL, "gsk_x", "some-new-model")), "an unknown Groq model: the lowest figures");
    assertEquals(new LlmLimits(0, 0, 100_000, 20_000, 2_000), LlmLimits.Settings.DEFAULT.of(OLLAMA),
        "no per-minute figures for a local server: the headers (or nothing) decide");
  }

  @Test
  void configuredFiguresWinAndARunNeverGetsMoreThanTheDay() {
    LlmLimits l = new LlmLimits.Settings(5_000, 20_000, 1_500, 10, 4_000).of(GROQ);
    assertEquals(new LlmLimits(10, 4_000, 5_000, 5_000, 1_500), l);
  }

  @Test
  void theEnvironmentSetsTheBudgetsAndNamesABadOne() {
    Config c = Config.fromEnv(Map.of("LLM_TOKENS_PER_DAY", "50000", "LLM_TOKENS_PER_RUN", "8000",
        "LLM_TOKENS_PER_JOB", "1500", "LLM_REQUESTS_PER_MINUTE", "20", "LLM_TOKENS_PER_MINUTE", "6000"));
    assertEquals(new Config.LlmBudgets(50_000, 8_000, 1_500, 20, 6_000), c.llmBudgets());
    assertEquals(new Config.LlmBudgets(0, 20_000, 2_000, 0, 0), Config.fromEnv(Map.of()).llmBudgets());
    assertEquals(12_000, Config.fromEnv(Map.of("LLM_TOKEN_BUDGET", "12000")).llmBudgets().tokensPerRun(),
        "the old name still sets the run's budget");
    var e = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of("LLM_TOKENS_PER_JOB", "100")));
    assertTrue(e.getMessage().contains("LLM_TOKENS_PER_JOB"), e.getMessage());
  }
}
