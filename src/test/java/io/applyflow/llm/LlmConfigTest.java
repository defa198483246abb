package io.applyflow.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmConfigTest {
  @Test
  void aKeyAloneMeansGroqWithItsDefaultModel() {
    LlmConfig c = LlmConfig.fromEnv(Map.of("LLM_API_KEY", "gsk_secret"));
    assertEquals(LlmConfig.GROQ_BASE_URL, c.baseUrl());
    assertEquals(LlmConfig.GROQ_DEFAULT_MODEL, c.model());
    assertTrue(c.isConfigured());
    assertEquals("https://api.groq.com/openai/v1/chat/completions", c.chatCompletionsUrl());
  }

  @Test
  void aLocalServerNeedsNoKeyButAModel() {
    LlmConfig ollama = LlmConfig.fromEnv(Map.of("LLM_BASE_URL", "http://localhost:11434/v1/", "LLM_MODEL", "qwen2.5"));
    assertTrue(ollama.isConfigured());
    assertNull(ollama.apiKey());
    assertEquals("http://localhost:11434/v1/chat/completions", ollama.chatCompletionsUrl());
    assertFalse(LlmConfig.fromEnv(Map.of("LLM_BASE_URL", "http://localhost:8080/v1")).isConfigured());
  }

  @Test
  void nothingSetIsNotConfigured() {
    assertFalse(LlmConfig.fromEnv(Map.of()).isConfigured());
    assertFalse(LlmConfig.fromEnv(Map.of("LLM_API_KEY", "  ")).isConfigured());
  }

  @Test
  void neverShowsTheKey() {
    LlmConfig c = LlmConfig.fromEnv(Map.of("LLM_API_KEY", "gsk_secret", "LLM_MODEL", "openai/gpt-oss-20b"));
    assertFalse(c.toString().contains("gsk_secret"), c.toString());
    assertTrue(c.toString().contains("openai/gpt-oss-20b"));
  }
}
