package io.applyflow.llm;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The limits one provider account's LLM requests work under: what the provider allows per minute (for the
 * {@link RateGate} before its headers say more), the day's and a run's token budgets ({@link LlmSpend}), and what one
 * job's prompts may cost.
 *
 * <p>Known figures are the providers' free tiers, from Groq's rate-limit page (console.groq.com/docs/rate-limits):
 * {@code llama-3.3-70b-versatile} 30 requests and 12,000 tokens per minute, 1,000 requests and 100,000 tokens per
 * day; {@code llama-3.1-8b-instant} 30 and 6,000 per minute, 14,400 and 500,000 per day; any other Groq model the
 * lowest of these. Other providers announce their limits in headers (OpenAI) or have none (Ollama, llama.cpp, vLLM);
 * their day budget is the reference free tier's 100,000 tokens unless configured.
 *
 * @param requestsPerMinute known requests per minute, 0 when unknown
 * @param tokensPerMinute   known tokens per minute, 0 when unknown
 * @param tokensPerDay      the account's budget for a UTC day
 * @param tokensPerRun      one run's budget
 * @param tokensPerJob      what one job's questions may cost in all, prompts and answers
 */
public record LlmLimits(int requestsPerMinute, int tokensPerMinute, long tokensPerDay, long tokensPerRun,
                        int tokensPerJob) {
  /** The reference free tier's tokens per day (Groq, llama-3.3-70b-versatile). */
  public static final long REFERENCE_TOKENS_PER_DAY = 100_000;
  public static final long DEFAULT_TOKENS_PER_RUN = 20_000;
  public static final int DEFAULT_TOKENS_PER_JOB = 2_000;

  private record Known(int rpm, int tpm, long tpd) {
  }

  private static final Known GROQ_LOWEST = new Known(30, 6_000, 100_000);
  private static final Map<String, Known> GROQ = Map.of(
      "llama-3.3-70b-versatile", new Known(30, 12_000, 100_000),
      "llama-3.1-8b-instant", new Known(30, 6_000, 500_000));

  /** What the gate knows before any answer. */
  public RateGate.Limits gate() {
    return new RateGate.Limits(requestsPerMinute, tokensPerMinute);
  }

  /**
   * What the installation configures; 0 means "the provider's known figure" (per minute) or "the reference free
   * tier" (per day).
   */
  public record Settings(long tokensPerDay, long tokensPerRun, int tokensPerJob, int requestsPerMinute,
                         int tokensPerMinute) {
    public static final Settings DEFAULT = new Settings(0, DEFAULT_TOKENS_PER_RUN, DEFAULT_TOKENS_PER_JOB, 0, 0);

    /** The limits of {@code config}'s account: configured values first, then known figures. */
    public LlmLimits of(LlmConfig config) {
      Known known = known(config);
      long day = tokensPerDay > 0 ? tokensPerDay : known != null ? known.tpd() : REFERENCE_TOKENS_PER_DAY;
      return new LlmLimits(
          requestsPerMinute > 0 ? requestsPerMinute : known == null ? 0 : known.rpm(),
          tokensPerMinute > 0 ? tokensPerMinute : known == null ? 0 : known.tpm(),
          day, Math.min(tokensPerRun, day), tokensPerJob);
    }
  }

  /** The free-tier figures of a Groq model, null for other providers. */
  private static Known known(LlmConfig config) {
    String host;
    try {
      host = config.baseUrl() == null ? "" : URI.create(config.baseUrl()).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (host == null || !host.toLowerCase(Locale.ROOT).equals("api.groq.com")) {
      return null;
    }
    return GROQ.getOrDefault(config.model() == null ? "" : config.model(), GROQ_LOWEST);
  }
}
