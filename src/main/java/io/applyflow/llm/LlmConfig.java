package io.applyflow.llm;

import java.util.Map;

/**
 * Where the OpenAI-compatible chat-completions server is and how to call it. Read from the environment by
 * {@link #fromEnv}: {@code LLM_BASE_URL} (e.g. {@code https://api.groq.com/openai/v1},
 * {@code http://localhost:11434/v1} for Ollama), {@code LLM_API_KEY} (optional for local servers) and
 * {@code LLM_MODEL}. With only a key, Groq and {@link #GROQ_DEFAULT_MODEL} are assumed. Immutable; the key never
 * appears in {@link #toString()}.
 *
 * @param baseUrl the URL that {@code /chat/completions} is appended to, without a trailing slash; null when unset
 * @param apiKey  the bearer key, null when the server needs none
 * @param model   the model name sent in every request; null when unset
 */
public record LlmConfig(String baseUrl, String apiKey, String model) {
  public static final String GROQ_BASE_URL = "https://api.groq.com/openai/v1";
  public static final String GROQ_DEFAULT_MODEL = "llama-3.3-70b-versatile";

  public LlmConfig {
    baseUrl = blankToNull(baseUrl);
    if (baseUrl != null) {
      while (baseUrl.endsWith("/")) {
        baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
      }
    }
    apiKey = blankToNull(apiKey);
    model = blankToNull(model);
  }

  /** Reads {@code LLM_BASE_URL}, {@code LLM_API_KEY}, {@code LLM_MODEL}; defaults to Groq when only a key is set. */
  public static LlmConfig fromEnv(Map<String, String> env) {
    return resolve(env.get("LLM_BASE_URL"), env.get("LLM_API_KEY"), env.get("LLM_MODEL"));
  }

  /**
   * A config from values that may each be missing (blank is missing), with Groq's defaults: only a key means Groq's
   * base URL; Groq's base URL without a model means {@link #GROQ_DEFAULT_MODEL}.
   */
  public static LlmConfig resolve(String baseUrl, String apiKey, String model) {
    String base = blankToNull(baseUrl);
    String key = blankToNull(apiKey);
    String m = blankToNull(model);
    boolean groq = base == null ? key != null : base.replaceAll("/+$", "").equals(GROQ_BASE_URL);
    if (base == null && key != null) {
      base = GROQ_BASE_URL;
    }
    if (m == null && groq) {
      m = GROQ_DEFAULT_MODEL;
    }
    return new LlmConfig(base, key, m);
  }

  /** True when a server and a model are known (a key is optional: Ollama, llama.cpp and vLLM may run without). */
  public boolean isConfigured() {
    return baseUrl != null && model != null;
  }

  /** {@code {baseUrl}/chat/completions}. */
  public String chatCompletionsUrl() {
    return baseUrl + "/chat/completions";
  }

  @Override
  public String toString() {
    return "LlmConfig[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "***") + ", model=" + model + "]";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
