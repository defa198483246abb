package io.applyflow.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.applyflow.llm.Durations;
import io.applyflow.llm.JsonShapeValidator;
import io.applyflow.tailor.FactGate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link FakeOpenAi} over plain HTTP: honest schema-valid answers, token counts, announced and enforced limits. */
class FakeOpenAiTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Encoding CL100K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
  private static final String MODEL = "llama-3.3-70b-versatile";
  private static final JsonObject BULLETS_SCHEMA = new JsonObject("""
      {"type":"object","required":["bullets"],"properties":{"bullets":{"type":"array","items":{"type":"object",
       "required":["id","text"],"properties":{"id":{"type":"string"},"text":{"type":"string"}}}}}}""");
  private static final JsonObject LETTER_SCHEMA = new JsonObject("""
      {"type":"object","required":["paragraphs","questions"],"properties":{
       "paragraphs":{"type":"array","minItems":3,"maxItems":4,"items":{"type":"string"}},
       "questions":{"type":"array","minItems":5,"maxItems":8,"items":{"type":"string"}}}}""");

  private static JsonNode resume;
  private static JsonObject bulletsPrompt;
  private static JsonObject letterPrompt;
  private static Map<String, String> bulletTexts;
  private static FactGate gate;

  /** The two prompts of the brief, built from the senior-engineer resume and the staff-backend posting. */
  @BeforeAll
  static void prompts() throws IOException {
    resume = Fixtures.resume("senior-engineer");
    Map<String, List<String>> sections = sections(Fixtures.description("staff-backend"));
    List<String> responsibilities = sections.get("What you'll do");
    List<String> requirements = sections.get("What we're looking for");
    JsonObject job = new JsonObject().put("title", "Staff Software Engineer").put("company", "Streamline");
    JsonArray bullets = new JsonArray();
    JsonArray roles = new JsonArray();
    bulletTexts = new LinkedHashMap<>();
    for (int i = 0; i < resume.path("work").size(); i++) {
      JsonNode work = resume.path("work").get(i);
      JsonArray own = new JsonArray();
      for (int j = 0; j < work.path("highlights").size(); j++) {
        String text = work.path("highlights").get(j).asText();
        String id = "work-" + i + "-" + j;
        bulletTexts.put(id, text);
        own.add(text);
        bullets.add(new JsonObject().put("id", id)
            .put("role", work.path("position").asText() + " at " + work.path("name").asText()).put("text", text));
      }
      roles.add(new JsonObject().put("title", work.path("position").asText()).put("company", work.path("name").asText())
          .put("bullets", own));
    }
    JsonArray skills = new JsonArray();
    resume.path("skills").forEach(s -> s.path("keywords").forEach(k -> skills.add(k.asText())));
    bulletsPrompt = new JsonObject().put("job", job).put("requirements", new JsonArray(requirements))
        .put("responsibilities", new JsonArray(responsibilities)).put("bullets", bullets);
    letterPrompt = new JsonObject().put("job", job).put("requirements", new JsonArray(requirements))
        .put("responsibilities", new JsonArray(responsibilities))
        .put("candidate", new JsonObject().put("name", resume.path("basics").path("name").asText())
            .put("summary", resume.path("basics").path("summary").asText()).put("roles", roles).put("skills", skills));
    List<String> allowed = new ArrayList<>(List.of("Staff Software Engineer", "Streamline"));
    allowed.addAll(requirements);
    allowed.addAll(responsibilities);
    gate = FactGate.of(resume, allowed);
  }

  @Test
  void rewordsEveryBulletWithItsOwnWordsValidAgainstTheSchema() throws Exception {
    try (FakeOpenAi fake = FakeOpenAi.start()) {
      HttpResponse<String> res = post(fake, null,
          request(MODEL, "reworded_bullets", BULLETS_SCHEMA, bulletsPrompt, 1500));
      assertEquals(200, res.statusCode(), res.body());
      JsonObject answer = new JsonObject(content(res));
      assertEquals(List.of(), errors(BULLETS_SCHEMA, res));
      Set<String> verbs = FakeOpenAi.VERBS.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
      Map<String, String> returned = new LinkedHashMap<>();
      for (Object o : answer.getJsonArray("bullets")) {
        JsonObject b = (JsonObject) o;
        returned.put(b.getString("id"), b.getString("text"));
      }
      assertEquals(bulletTexts.keySet(), returned.keySet(), "every id given back, unchanged");
      int changed = 0;
      for (Map.Entry<String, String> e : returned.entrySet()) {
        String source = bulletTexts.get(e.getKey());
        Set<String> allowed = new HashSet<>(words(source));
        allowed.addAll(verbs);
        Set<String> extra = new HashSet<>(words(e.getValue()));
        extra.removeAll(allowed);
        assertEquals(Set.of(), extra, "words not in the bullet: " + e.getValue());
        assertEquals(List.of(), gate.offending(e.getValue()), e.getValue());
        changed += e.getValue().equals(source) ? 0 : 1;
      }
      assertTrue(changed > 0 && changed < returned.size(), "some reworded, some left alone: " + changed);
      assertEquals("stop", finishReason(res));
    }
  }

  @Test
  void everyHonestRewordingOfTheFortyBulletResumePassesTheFactGate() throws Exception {
    JsonNode forty = Fixtures.fortyBulletResume();
    JsonArray bullets = new JsonArray();
    Map<String, String> sources = new LinkedHashMap<>();
    for (int i = 0; i < forty.path("work").size(); i++) {
      JsonNode work = forty.path("work").get(i);
      for (int j = 0; j < work.path("highlights").size(); j++) {
        sources.put("work-" + i + "-" + j, work.path("highlights").get(j).asText());
        bullets.add(new JsonObject().put("id", "work-" + i + "-" + j)
            .put("role", work.path("position").asText() + " at " + work.path("name").asText())
            .put("text", work.path("highlights").get(j).asText()));
      }
    }
    FactGate fortyGate = FactGate.of(forty, List.of());
    try (FakeOpenAi fake = FakeOpenAi.start()) {
      HttpResponse<String> res = post(fake, null, request(MODEL, "reworded_bullets", BULLETS_SCHEMA,
          bulletsPrompt.copy().put("bullets", bullets), 4000));
      JsonArray answer = new JsonObject(content(res)).getJsonArray("bullets");
      assertEquals(40, answer.size());
      int changed = 0;
      for (Object o : answer) {
        JsonObject b = (JsonObject) o;
        assertEquals(List.of(), fortyGate.offending(b.getString("text")), b.getString("text"));
        changed += b.getString("text").equals(sources.get(b.getString("id"))) ? 0 : 1;
      }
      assertTrue(changed >= 10, "reworded: " + changed + " of 40");
    }
  }

  @Test
  void writesALetterAndQuestionsFromThePromptOnly() throws Exception {
    try (FakeOpenAi fake = FakeOpenAi.start()) {
      HttpResponse<String> res = post(fake, null, request(MODEL, "letter_and_questions", LETTER_SCHEMA, letterPrompt,
          1500));
      assertEquals(200, res.statusCode(), res.body());
      assertEquals(List.of(), errors(LETTER_SCHEMA, res));
      JsonObject answer = new JsonObject(content(res));
      JsonArray paragraphs = answer.getJsonArray("paragraphs");
      JsonArray questions = answer.getJsonArray("questions");
      assertTrue(paragraphs.size() >= 3 && paragraphs.size() <= 4, paragraphs.encode());
      assertTrue(questions.size() >= 5 && questions.size() <= 8, questions.encode());
      assertTrue(paragraphs.getString(0).contains("Staff Software Engineer") && paragraphs.getString(0)
          .contains("Streamline"));
      assertTrue(paragraphs.encode().contains("Confluent"), "the candidate's roles");
      List<String> sentences = new ArrayList<>();
      letterPrompt.getJsonArray("requirements").forEach(s -> sentences.add(((String) s).replaceAll("\\.$", "")));
      letterPrompt.getJsonArray("responsibilities").forEach(s -> sentences.add(((String) s).replaceAll("\\.$", "")));
      for (Object q : questions) {
        assertTrue(sentences.stream().anyMatch(((String) q)::contains), "built from a posting sentence: " + q);
      }
      for (Object text : paragraphs.copy().addAll(questions)) {
        assertEquals(List.of(), gate.offending((String) text), (String) text);
      }
    }
  }

  @Test
  void tellsThePromptsApartByTheUserJsonInJsonObjectMode() throws Exception {
    try (FakeOpenAi fake = FakeOpenAi.start()) {
      JsonObject req = request(MODEL, "ignored", BULLETS_SCHEMA, bulletsPrompt, 1500)
          .put("response_format", new JsonObject().put("type", "json_object"));
      req.getJsonArray("messages").getJsonObject(0).put("content", "Answer JSON: " + BULLETS_SCHEMA.encode());
      HttpResponse<String> res = post(fake, null, req);
      assertEquals(200, res.statusCode(), res.body());
      assertEquals(bulletTexts.size(), new JsonObject(content(res)).getJsonArray("bullets").size());
      assertEquals("reworded_bullets", fake.calls().get(0).schema());

      req.getJsonArray("messages").getJsonObject(0).put("content", "no mention of the format");
      assertEquals(400, post(fake, null, req).statusCode(), "Groq's json_object needs the word json");

      JsonObject letter = request(MODEL, "ignored", LETTER_SCHEMA, letterPrompt, 1500)
          .put("response_format", new JsonObject().put("type", "json_object"));
      letter.getJsonArray("messages").getJsonObject(0).put("content", "Answer in JSON.");
      HttpResponse<String> letterRes = post(fake, null, letter);
      assertEquals(List.of(), errors(LETTER_SCHEMA, letterRes));

      JsonObject schema = new JsonObject("""
          {"type":"object","required":["verdict"],"properties":{"verdict":{"type":"string"}}}""");
      JsonObject other = request(MODEL, "ignored", schema, new JsonObject().put("note", "plain words here"), 200)
          .put("response_format", new JsonObject().put("type", "json_object"));
      other.getJsonArray("messages").getJsonObject(0)
          .put("content", "Answer JSON matching " + schema.encode() + " only.");
      HttpResponse<String> otherRes = post(fake, null, other);
      assertEquals(List.of(), errors(schema, otherRes));
      assertEquals("json_object", fake.calls().get(fake.calls().size() - 1).schema());
    }
  }

  @Test
  void inventedFactsAreThereForTheGateToRefuse() throws Exception {
    try (FakeOpenAi fake = FakeOpenAi.start()) {
      HttpResponse<String> res = post(fake, null, request("invent-" + MODEL, "reworded_bullets", BULLETS_SCHEMA,
          bulletsPrompt, 3000));
      for (Object o : new JsonObject(content(res)).getJsonArray("bullets")) {
        String text = ((JsonObject) o).getString("text");
        assertTrue(text.contains(FakeOpenAi.INVENTED_EMPLOYER) && text.contains(FakeOpenAi.INVENTED_METRIC), text);
        assertFalse(gate.offending(text).isEmpty(), text);
      }
    }
  }

  @Test
  void aSmallMaxTokensCutsTheListNotTheJson() throws Exception {
    try (FakeOpenAi fake = FakeOpenAi.start()) {
      HttpResponse<String> res = post(fake, null,
          request(MODEL, "reworded_bullets", BULLETS_SCHEMA, bulletsPrompt, 80));
      JsonObject body = new JsonObject(res.body());
      JsonArray bullets = new JsonObject(content(res)).getJsonArray("bullets");
      assertTrue(body.getJsonObject("usage").getInteger("completion_tokens") <= 80, res.body());
      assertTrue(bullets.size() > 0 && bullets.size() < bulletTexts.size(), bullets.encode());
      assertEquals("length", finishReason(res));
      for (Object o : bullets) {
        assertTrue(bulletTexts.containsKey(((JsonObject) o).getString("id")));
      }
    }
  }

  @Test
  void countsTokensWithCl100kAndTheChatTemplateOverhead() throws Exception {
    try (FakeOpenAi fake = FakeOpenAi.start()) {
      JsonObject req = request(MODEL, "letter_and_questions", LETTER_SCHEMA, letterPrompt, 1500);
      HttpResponse<String> res = post(fake, null, req);
      JsonObject usage = new JsonObject(res.body()).getJsonObject("usage");
      int contents = 0;
      for (Object m : req.getJsonArray("messages")) {
        contents += CL100K.countTokens(((JsonObject) m).getString("content"));
      }
      int prompt = contents + 2 * 4 + 1 + 3;
      int completion = CL100K.countTokens(content(res)) + 1;
      assertEquals(prompt, usage.getInteger("prompt_tokens"));
      assertEquals(completion, usage.getInteger("completion_tokens"));
      assertEquals(prompt + completion, usage.getInteger("total_tokens"));
      post(fake, null, req);
      assertEquals(2, fake.requests());
      assertEquals(2L * prompt, fake.promptTokens());
      assertEquals(2L * completion, fake.completionTokens());
      FakeOpenAi.Call call = fake.calls().get(0);
      assertEquals("letter_and_questions", call.schema());
      assertEquals(200, call.status());
      assertEquals(prompt + 1500, call.charged());
      assertEquals(req, new JsonObject(call.body()));
    }
  }

  @Test
  void the31stRequestOfAMinuteIs429UntilTheWindowMovesOn() throws Exception {
    AtomicLong now = new AtomicLong(0);
    try (FakeOpenAi fake = FakeOpenAi.builder().requestsPerMinute(30).tokensPerMinute(1_000_000)
        .headers(FakeOpenAi.HeaderStyle.OPENAI).minute(Duration.ofSeconds(6)).clock(now::get).start()) {
      JsonObject req = tiny();
      HttpResponse<String> last = null;
      for (int i = 0; i < 30; i++) {
        now.set(i < 15 ? 0 : Duration.ofSeconds(2).toNanos());
        last = post(fake, null, req);
        assertEquals(200, last.statusCode());
      }
      assertEquals("0", header(last, "x-ratelimit-remaining-requests"));
      assertEquals("30", header(last, "x-ratelimit-limit-requests"));
      now.set(Duration.ofSeconds(3).toNanos());
      HttpResponse<String> limited = post(fake, null, req);
      assertEquals(429, limited.statusCode());
      assertEquals("3", header(limited, "retry-after"), "the first 15 leave the window at 6 s");
      assertEquals("0", header(limited, "x-ratelimit-remaining-requests"));
      assertEquals(Duration.ofSeconds(5), Durations.parseGo(header(limited, "x-ratelimit-reset-requests")),
          "the window is empty 6 s after the newest request (at 2 s)");
      JsonObject error = new JsonObject(limited.body()).getJsonObject("error");
      assertEquals("requests", error.getString("type"));
      assertEquals("rate_limit_exceeded", error.getString("code"));
      assertTrue(error.getString("message").contains("on requests per minute (RPM): Limit 30, Used 30, Requested 1. "
          + "Please try again in 3s."), error.getString("message"));
      assertEquals(1, fake.rateLimited());

      now.set(Duration.ofSeconds(6).toNanos());
      HttpResponse<String> again = post(fake, null, req);
      assertEquals(200, again.statusCode());
      assertEquals("14", header(again, "x-ratelimit-remaining-requests"));
    }
  }

  @Test
  void aScaledMinuteResetsInRealTime() throws Exception {
    try (FakeOpenAi fake = FakeOpenAi.builder().requestsPerMinute(2).headers(FakeOpenAi.HeaderStyle.OPENAI)
        .minute(Duration.ofMillis(800)).start()) {
      assertEquals(200, post(fake, null, tiny()).statusCode());
      assertEquals(200, post(fake, null, tiny()).statusCode());
      HttpResponse<String> limited = post(fake, null, tiny());
      assertEquals(429, limited.statusCode());
      assertEquals("1", header(limited, "retry-after"));
      Thread.sleep(Durations.parseGo(header(limited, "x-ratelimit-reset-requests")).toMillis() + 20);
      assertEquals(200, post(fake, null, tiny()).statusCode());
    }
  }

  @Test
  void promptPlusMaxTokensOverTheRemainingTpmIs429() throws Exception {
    AtomicLong now = new AtomicLong(0);
    try (FakeOpenAi fake = FakeOpenAi.builder().tokensPerMinute(12_000).clock(now::get).start()) {
      JsonObject req = request(MODEL, "reworded_bullets", BULLETS_SCHEMA, bulletsPrompt, 8000);
      HttpResponse<String> first = post(fake, null, req);
      assertEquals(200, first.statusCode());
      int prompt = new JsonObject(first.body()).getJsonObject("usage").getInteger("prompt_tokens");
      int remaining = Integer.parseInt(header(first, "x-ratelimit-remaining-tokens"));
      assertEquals(12_000 - prompt - 8000, remaining, "charged prompt + max_tokens, not what the answer used");

      now.set(Duration.ofSeconds(20).toNanos());
      HttpResponse<String> over = post(fake, null, req.copy().put("max_tokens", remaining - prompt + 1));
      assertEquals(429, over.statusCode());
      JsonObject error = new JsonObject(over.body()).getJsonObject("error");
      assertEquals("tokens", error.getString("type"));
      assertTrue(error.getString("message").contains("on tokens per minute (TPM): Limit 12000, Used "
          + (prompt + 8000) + ", Requested " + (remaining + 1) + ". Please try again in 40s."),
          error.getString("message"));
      assertEquals("40", header(over, "retry-after"));
      assertEquals(Duration.ofSeconds(40), Durations.parseGo(header(over, "x-ratelimit-reset-tokens")));

      HttpResponse<String> exact = post(fake, null, req.copy().put("max_tokens", remaining - prompt));
      assertEquals(200, exact.statusCode(), "exactly the remaining tokens fits");
      assertEquals("0", header(exact, "x-ratelimit-remaining-tokens"));

      HttpResponse<String> tooLarge = post(fake, null, req.copy().put("max_tokens", 12_000));
      assertEquals(413, tooLarge.statusCode(), "more than the whole limit can never be admitted");
      assertNull(header(tooLarge, "retry-after"));
    }
  }

  @Test
  void groqHeadersGiveRequestsPerDayAndTokensPerMinuteOpenAiBothPerMinute() throws Exception {
    AtomicLong now = new AtomicLong(0);
    try (FakeOpenAi groq = FakeOpenAi.builder().groqFreeTier().minute(Duration.ofSeconds(6)).clock(now::get).start();
        FakeOpenAi openAi = FakeOpenAi.builder().groqFreeTier().headers(FakeOpenAi.HeaderStyle.OPENAI)
            .minute(Duration.ofSeconds(6)).clock(now::get).start()) {
      HttpResponse<String> g = post(groq, null, tiny());
      assertEquals("1000", header(g, "x-ratelimit-limit-requests"));
      assertEquals("999", header(g, "x-ratelimit-remaining-requests"));
      assertEquals("2h24m0s", header(g, "x-ratelimit-reset-requests"), "1,440 scaled minutes of 6 s");
      assertEquals("12000", header(g, "x-ratelimit-limit-tokens"));
      assertEquals("6s", header(g, "x-ratelimit-reset-tokens"));
      assertNull(header(g, "retry-after"));
      HttpResponse<String> o = post(openAi, null, tiny());
      assertEquals("30", header(o, "x-ratelimit-limit-requests"));
      assertEquals("29", header(o, "x-ratelimit-remaining-requests"));
      assertEquals("6s", header(o, "x-ratelimit-reset-requests"));
      assertEquals("12000", header(o, "x-ratelimit-limit-tokens"));
      int charge = groq.calls().get(0).charged();
      assertEquals(String.valueOf(12_000 - charge), header(o, "x-ratelimit-remaining-tokens"));
    }
  }

  @Test
  void aWrongKeyGets401AndTheRightOneIsServed() throws Exception {
    try (FakeOpenAi fake = FakeOpenAi.builder().apiKey("gsk_right").start()) {
      HttpResponse<String> wrong = post(fake, "gsk_wrong", tiny());
      assertEquals(401, wrong.statusCode());
      assertEquals("invalid_api_key", new JsonObject(wrong.body()).getJsonObject("error").getString("code"));
      assertEquals(401, post(fake, null, tiny()).statusCode());
      assertEquals(200, post(fake, "gsk_right", tiny()).statusCode());
      assertEquals(401, get(fake, "/models", "gsk_wrong").statusCode());
    }
  }

  @Test
  void listsItsModelAndRefusesAnother() throws Exception {
    try (FakeOpenAi fake = FakeOpenAi.builder().models(MODEL).start()) {
      HttpResponse<String> models = get(fake, "/models", null);
      assertEquals(200, models.statusCode());
      JsonObject list = new JsonObject(models.body());
      assertEquals("list", list.getString("object"));
      assertEquals(MODEL, list.getJsonArray("data").getJsonObject(0).getString("id"));
      HttpResponse<String> other = post(fake, null, tiny().put("model", "gpt-4o"));
      assertEquals(404, other.statusCode());
      assertEquals("model_not_found", new JsonObject(other.body()).getJsonObject("error").getString("code"));
    }
  }

  @Test
  void brokenFailingAndSloppyModes() throws Exception {
    try (FakeOpenAi fake = FakeOpenAi.start()) {
      assertEquals(500, post(fake, null, tiny().put("model", "broken-x")).statusCode());
      fake.failNext(2);
      assertEquals(500, post(fake, null, tiny()).statusCode());
      assertEquals(500, post(fake, null, tiny()).statusCode());
      assertEquals(200, post(fake, null, tiny()).statusCode());
      HttpResponse<String> sloppy = post(fake, null, request("sloppy-x", "reworded_bullets", BULLETS_SCHEMA,
          bulletsPrompt, 1500));
      assertEquals(200, sloppy.statusCode());
      assertNotEquals(List.of(),
          errors(BULLETS_SCHEMA, sloppy));
      assertEquals(5, fake.requests());
      assertEquals(2, fake.answered());
    }
  }

  @Test
  void anUnknownSchemaIsFilledWithTheUsersWords() throws Exception {
    JsonObject schema = new JsonObject("""
        {"type":"object","required":["summary","tags"],"properties":{"summary":{"type":"string"},
         "tags":{"type":"array","items":{"type":"string"}},"score":{"type":"integer"}}}""");
    try (FakeOpenAi fake = FakeOpenAi.start()) {
      HttpResponse<String> res = post(fake, null, request(MODEL, "something_else", schema,
          new JsonObject().put("posting", "Rust engineers wanted for storage work"), 500));
      assertEquals(List.of(), errors(schema, res));
      JsonObject answer = new JsonObject(content(res));
      assertTrue(Set.of("rust", "engineers", "wanted", "for", "storage", "work")
          .containsAll(words(answer.getString("summary"))), answer.encode());
    }
  }

  @Test
  void goDurationsLookLikeGroqs() {
    assertEquals("7.66s", FakeOpenAi.goDuration(7_660_000_000L, 2));
    assertEquals("2m59.56s", FakeOpenAi.goDuration(179_560_000_000L, 2));
    assertEquals("120ms", FakeOpenAi.goDuration(120_000_000L, 2));
    assertEquals("1h0m0s", FakeOpenAi.goDuration(3_600_000_000_000L, 2));
    assertEquals("5.289s", FakeOpenAi.goDuration(5_289_000_000L, 3));
    assertEquals("0s", FakeOpenAi.goDuration(0, 2));
  }

  // --- helpers ----------------------------------------------------------------------------------------------

  private static JsonObject request(String model, String name, JsonObject schema, JsonObject user, int maxTokens) {
    return new JsonObject().put("model", model).put("temperature", 0).put("max_tokens", maxTokens)
        .put("messages", new JsonArray()
            .add(new JsonObject().put("role", "system").put("content", "Follow the schema. Use only the facts given."))
            .add(new JsonObject().put("role", "user").put("content", user.encode())))
        .put("response_format", new JsonObject().put("type", "json_schema").put("json_schema",
            new JsonObject().put("name", name).put("strict", false).put("schema", schema)));
  }

  private static JsonObject tiny() {
    return new JsonObject().put("model", MODEL).put("max_tokens", 16).put("messages", new JsonArray()
        .add(new JsonObject().put("role", "user").put("content", "Say hello")));
  }

  private static HttpResponse<String> post(FakeOpenAi fake, String key, JsonObject body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/chat/completions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(FakeOpenAi fake, String path, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path)).GET();
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String content(HttpResponse<String> res) {
    return new JsonObject(res.body()).getJsonArray("choices").getJsonObject(0).getJsonObject("message")
        .getString("content");
  }

  private static String finishReason(HttpResponse<String> res) {
    return new JsonObject(res.body()).getJsonArray("choices").getJsonObject(0).getString("finish_reason");
  }

  private static String header(HttpResponse<String> res, String name) {
    return res.headers().firstValue(name).orElse(null);
  }

  /** What {@link JsonShapeValidator} finds wrong with the answer's content against {@code schema}. */
  @SuppressWarnings("unchecked")
  private static List<String> errors(JsonObject schema, HttpResponse<String> res) throws IOException {
    return JsonShapeValidator.validate(JSON.readValue(schema.encode(), Map.class),
        JSON.readValue(content(res), Map.class));
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
  }

  /** A posting's "- item" lines by the heading above them, wrapped lines joined. */
  private static Map<String, List<String>> sections(String description) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : description.split("\n")) {
      if (line.startsWith("- ") && current != null) {
        current.add(line.substring(2).strip());
      } else if (line.startsWith("  ") && current != null && !current.isEmpty()) {
        current.set(current.size() - 1, current.get(current.size() - 1) + " " + line.strip());
      } else if (!line.isBlank()) {
        current = new ArrayList<>();
        out.put(line.strip(), current);
      }
    }
    return out;
  }
}
