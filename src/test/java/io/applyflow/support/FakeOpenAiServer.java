package io.applyflow.support;

/**
 * {@link FakeOpenAi} as a process of its own, for trying the LLM path by hand without a key: it announces and
 * enforces Groq's free tier, prints its base URL, then every 10 s what it received (requests, tokens, 429s).
 *
 * <pre>java -cp target/classes:target/test-classes:$(mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout) \
 *   io.applyflow.support.FakeOpenAiServer</pre>
 * then start Applyflow with {@code LLM_BASE_URL=<printed URL> LLM_MODEL=honest-try}.
 */
public final class FakeOpenAiServer {
  private FakeOpenAiServer() {
  }

  public static void main(String[] args) throws InterruptedException {
    FakeOpenAi fake = FakeOpenAi.builder().groqFreeTier().start();
    System.out.println("LLM_BASE_URL=" + fake.baseUrl());
    while (true) {
      Thread.sleep(10_000);
      System.out.printf("requests %d, answered %d, prompt tokens %d, completion tokens %d, 429s %d%n", fake.requests(),
          fake.answered(), fake.promptTokens(), fake.completionTokens(), fake.rateLimited());
    }
  }
}
