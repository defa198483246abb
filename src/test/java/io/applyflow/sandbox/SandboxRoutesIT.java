package io.applyflow.sandbox;

import static io.applyflow.sandbox.SandboxServer.EVERY_FIELD;
import static io.applyflow.sandbox.SandboxServer.KNOCKOUT;
import static io.applyflow.sandbox.SandboxServer.LOGIN_WALL;
import static io.applyflow.sandbox.SandboxServer.REJECT_FIRST;
import static io.applyflow.sandbox.SandboxServer.SLOW;
import static io.applyflow.sandbox.SandboxServer.CAPTCHA;
import static io.applyflow.sandbox.SandboxServer.CLASSIC;
import static io.applyflow.sandbox.SandboxServer.CAREERS;
import static io.applyflow.sandbox.SandboxServer.EMBED_JOB_APP;
import static io.applyflow.sandbox.SandboxServer.LISTBOX;
import static io.applyflow.sandbox.SandboxServer.MIXED;
import static io.applyflow.sandbox.SandboxServer.PORTAL;
import static io.applyflow.sandbox.SandboxServer.RADIOS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SandboxRoutesIT {
  private static final String API = "/sandbox/boards-api/v1/boards";
  private static final long ACME_JOB = 4012015;
  private static SandboxServer server;

  @BeforeAll
  static void start() {
    server = SandboxServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<Buffer> get(String path) {
    return server.get(path);
  }

  private static HttpResponse<Buffer> post(long jobId, MultipartForm form) {
    return server.client().post(server.port(), "127.0.0.1", "/sandbox/job-boards/acme-robotics/jobs/" + jobId)
        .sendMultipartForm(form).await();
  }

  private static HttpResponse<Buffer> post(String path, MultipartForm form) {
    return server.client().post(server.port(), "127.0.0.1", path).followRedirects(false).sendMultipartForm(form).await();
  }

  private static MultipartForm simpleApplication(String email) {
    return MultipartForm.create()
        .attribute("first_name", "Grace")
        .attribute("last_name", "Hopper")
        .attribute("email", email)
        .attribute("phone", "+1 412 555 0100")
        .attribute("country", "US")
        .binaryFileUpload("resume", "cv.pdf", Buffer.buffer("%PDF-1.4\n%%EOF\n"), "application/pdf");
  }

  private static MultipartForm application(String email, byte[] resume, String resumeName) {
    MultipartForm form = MultipartForm.create()
        .attribute("first_name", "Grace")
        .attribute("last_name", "Hopper")
        .attribute("phone", "+1 412 555 0100")
        .attribute("country", "US")
        .attribute("question_401201501", "https://www.linkedin.com/in/grace");
    if (email != null) {
      form.attribute("email", email);
    }
    if (resume != null) {
      form.binaryFileUpload("resume", resumeName, Buffer.buffer(resume), "application/pdf");
    }
    return form;
  }

  @Test
  void boardEndpointNamesTheCompany() {
    var res = get(API + "/northwind-data");
    assertEquals(200, res.statusCode());
    assertEquals("Northwind Data", res.bodyAsJsonObject().getString("name"));
    assertTrue(res.bodyAsJsonObject().getString("content").contains("sandbox"));
  }

  @Test
  void listsJobsWithAbsoluteUrlsOnTheRequestPort() {
    var res = get(API + "/acme-robotics/jobs");
    assertEquals(200, res.statusCode());
    JsonObject body = res.bodyAsJsonObject();
    JsonArray jobs = body.getJsonArray("jobs");
    assertEquals(jobs.size(), body.getJsonObject("meta").getInteger("total"));
    assertTrue(jobs.size() >= 10);
    JsonObject first = jobs.getJsonObject(0);
    assertEquals(server.url("/sandbox/job-boards/acme-robotics/jobs/" + first.getLong("id")), first.getString("absolute_url"));
    assertEquals("Acme Robotics", first.getString("company_name"));
    assertNotNull(first.getJsonObject("location").getString("name"));
    assertFalse(first.containsKey("content"), "content only with content=true");
    assertFalse(first.containsKey("questions"));
    assertFalse(first.containsKey("sandbox"), "the private sandbox object never leaves the server");
  }

  @Test
  void contentComesBackEscapedAndUnescapesOnceToHtml() {
    JsonArray jobs = get(API + "/lumen-health/jobs?content=true").bodyAsJsonObject().getJsonArray("jobs");
    for (int i = 0; i < jobs.size(); i++) {
      JsonObject job = jobs.getJsonObject(i);
      String content = job.getString("content");
      assertFalse(content.contains("<"), "escaped: " + content.substring(0, 60));
      assertTrue(content.contains("&lt;h2&gt;"));
      Document html = Jsoup.parseBodyFragment(Parser.unescapeEntities(content, false));
      assertFalse(html.select("h2").isEmpty());
      assertTrue(html.select("li").size() >= 5);
      assertFalse(job.getJsonArray("departments").isEmpty());
      assertFalse(job.getJsonArray("offices").isEmpty());
    }
  }

  @Test
  void jobWithQuestionsCarriesTheApplicationForm() {
    var res = get(API + "/acme-robotics/jobs/" + ACME_JOB + "?questions=true");
    assertEquals(200, res.statusCode());
    JsonObject job = res.bodyAsJsonObject();
    assertEquals(ACME_JOB, job.getLong("id"));
    assertTrue(job.getString("content").startsWith("&lt;"));
    JsonArray questions = job.getJsonArray("questions");
    var names = IntStream.range(0, questions.size())
        .mapToObj(i -> questions.getJsonObject(i).getJsonArray("fields").getJsonObject(0).getString("name")).toList();
    assertTrue(names.containsAll(java.util.List.of("first_name", "last_name", "email", "phone", "resume", "cover_letter")), names.toString());
    JsonObject resume = questions.getJsonObject(names.indexOf("resume"));
    assertTrue(resume.getBoolean("required"));
    assertEquals("resume_text", resume.getJsonArray("fields").getJsonObject(1).getString("name"));
    assertTrue(job.getJsonArray("location_questions").isEmpty());
    assertEquals("eeoc", job.getJsonArray("compliance").getJsonObject(0).getString("type"));
    assertTrue(job.containsKey("demographic_questions"));
    assertNull(job.getValue("demographic_questions"));

    JsonObject plain = get(API + "/acme-robotics/jobs/" + ACME_JOB).bodyAsJsonObject();
    assertFalse(plain.containsKey("questions"));
    assertFalse(plain.containsKey("compliance"));
  }

  @Test
  void unknownBoardJobAndNonNumericIdAreNamedErrors() {
    var board = get(API + "/not-real-inc/jobs");
    assertEquals(404, board.statusCode());
    assertEquals("Could not find a job board with token 'not-real-inc'", board.bodyAsJsonObject().getString("error"));

    var job = get(API + "/acme-robotics/jobs/123");
    assertEquals(404, job.statusCode());
    assertEquals("Could not find a job with id '123' for acme-robotics", job.bodyAsJsonObject().getString("error"));

    var bad = get(API + "/acme-robotics/jobs/abc");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.bodyAsJsonObject().getString("error").contains("'abc'"));

    var page = get("/sandbox/job-boards/acme-robotics/jobs/999");
    assertEquals(404, page.statusCode());
    assertEquals("not-found", page.bodyAsJsonObject().getString("error"));
    assertTrue(page.bodyAsJsonObject().getString("detail").contains("999"));
  }

  @Test
  void hostedPageHasTheGreenhouseFormDom() {
    var res = get("/sandbox/job-boards/acme-robotics/jobs/" + ACME_JOB);
    assertEquals(200, res.statusCode());
    assertTrue(res.getHeader("content-type").startsWith("text/html"));
    Document doc = Jsoup.parse(res.bodyAsString());
    assertEquals("Job Application for Software Engineer, Robot Fleet Services at Acme Robotics", doc.title());
    assertTrue(doc.getElementById("sandbox-banner").text().contains("Applyflow sandbox"));
    assertFalse(doc.select(".job__description h2").isEmpty(), "description rendered as HTML");

    Element form = doc.selectFirst("form#application-form.application--form");
    assertNotNull(form);
    assertEquals("/sandbox/job-boards/acme-robotics/jobs/" + ACME_JOB, form.attr("data-submit-path"));
    assertFalse(form.select("div.application--questions > div.field-wrapper").isEmpty());
    for (String id : java.util.List.of("first_name", "last_name", "email")) {
      Element input = form.getElementById(id);
      assertEquals("text", input.attr("type"), id);
      assertFalse(input.hasAttr("name"), id + " has no name attribute");
      assertEquals("true", input.attr("aria-required"), id);
      assertEquals("*", doc.selectFirst("#" + id + "-label span[aria-hidden=true]").text());
    }
    assertEquals("false", form.getElementById("preferred_name").attr("aria-required"));
    assertNotNull(form.selectFirst("fieldset.phone-input input#country[role=combobox]"));
    assertNotNull(form.selectFirst("fieldset.phone-input input#phone[type=tel]"));
    assertEquals("react-select-country-listbox", form.getElementById("country").attr("aria-controls"));
    assertTrue(form.select("template.select__options").first().html().contains("United States +1"));
    Element resume = form.selectFirst("div.file-upload[aria-labelledby=upload-label-resume][aria-required=true] input#resume[type=file]");
    assertNotNull(resume);
    assertEquals(".pdf,.doc,.docx,.txt,.rtf", resume.attr("accept"));
    assertNotNull(form.selectFirst("input#cover_letter[type=file]"));
    assertNotNull(form.selectFirst("input#question_401201501"), "LinkedIn question");
    assertNotNull(form.selectFirst("input#question_401201503[role=combobox]"), "yes/no combobox");
    assertEquals("Voluntary Self-Identification", form.selectFirst("div.eeoc__container h2").text());
    for (String id : java.util.List.of("gender", "hispanic_ethnicity", "veteran_status", "disability_status")) {
      assertNotNull(form.selectFirst("div.eeoc__container input#" + id + "[role=combobox]"), id);
    }
    Element submit = form.selectFirst("div.application--submit > button[type=submit].btn.btn--pill");
    assertEquals("Submit application", submit.text());
    assertNotNull(doc.selectFirst("script[src=/static/js/sandbox-form.js]"));
  }

  @Test
  void confirmationPageThanksTheApplicant() {
    var res = get("/sandbox/job-boards/lumen-health/jobs/6034029/confirmation");
    assertEquals(200, res.statusCode());
    Document doc = Jsoup.parse(res.bodyAsString());
    assertEquals("Thank you for applying", doc.getElementById("confirmation-title").text());
    assertTrue(doc.getElementById("confirmation-message").text().startsWith("Thank you for applying to Lumen Health"));
  }

  @Test
  void storesAMultipartApplicationAndListsItWithTheFileSize() {
    byte[] pdf = "%PDF-1.4\n% sandbox test resume\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    String email = "grace+" + System.nanoTime() + "@example.com";
    var res = post(ACME_JOB, application(email, pdf, "grace-hopper.pdf"));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    JsonObject created = res.bodyAsJsonObject();
    long id = created.getLong("submission_id");
    assertEquals(server.url("/sandbox/job-boards/acme-robotics/jobs/" + ACME_JOB + "/confirmation"), created.getString("confirmation_url"));

    JsonObject stored = find(server.submissions(), id);
    assertNotNull(stored, "submission " + id + " listed");
    assertEquals("acme-robotics", stored.getString("board"));
    assertEquals(ACME_JOB, stored.getLong("job_id"));
    assertEquals("Grace", stored.getString("first_name"));
    assertEquals("Hopper", stored.getString("last_name"));
    assertEquals(email, stored.getString("email"));
    assertEquals("+1 412 555 0100", stored.getString("phone"));
    assertEquals("US", stored.getJsonObject("answers").getString("country"));
    assertEquals("https://www.linkedin.com/in/grace", stored.getJsonObject("answers").getString("question_401201501"));
    assertNotNull(stored.getString("received_at"));
    JsonArray files = stored.getJsonArray("files");
    assertEquals(1, files.size());
    assertEquals("resume", files.getJsonObject(0).getString("field"));
    assertEquals("grace-hopper.pdf", files.getJsonObject(0).getString("filename"));
    assertEquals("application/pdf", files.getJsonObject(0).getString("content_type"));
    assertEquals(pdf.length, files.getJsonObject(0).getInteger("bytes"));

    assertArrayEquals(pdf, SandboxRecords.file(id, "resume"));
    assertEquals("application/pdf", SandboxRecords.contentType(id, "resume"));
    // nobody lists or downloads what the employer received on the sandbox's origin
    assertEquals(404, get("/sandbox/submissions").statusCode());
    assertEquals(404, get("/sandbox/submissions/" + id + "/files/resume").statusCode());
  }

  @Test
  void rejectsAMissingEmailNamingTheFieldAndStoresNothing() {
    int before = server.submissions().size();
    var res = post(ACME_JOB, application(null, "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII), "cv.pdf"));
    assertEquals(400, res.statusCode());
    JsonObject body = res.bodyAsJsonObject();
    assertEquals("invalid-attributes", body.getString("error"));
    assertEquals("Email is required.", body.getJsonObject("fields").getString("email"));
    assertEquals(1, body.getJsonObject("fields").size(), body.encode());
    assertEquals(before, server.submissions().size());
  }

  @Test
  void rejectsBadEmailsAndResumes() {
    var badEmail = post(ACME_JOB, application("grace.example.com", "%PDF\n".getBytes(StandardCharsets.US_ASCII), "cv.pdf"));
    assertEquals(400, badEmail.statusCode());
    assertTrue(badEmail.bodyAsJsonObject().getJsonObject("fields").getString("email").startsWith("Please enter a valid email"));

    var exe = post(ACME_JOB, application("grace@example.com", new byte[] {1, 2, 3}, "cv.exe"));
    assertEquals(400, exe.statusCode());
    assertEquals("Invalid file format selected.", exe.bodyAsJsonObject().getJsonObject("fields").getString("resume"));

    var none = post(ACME_JOB, application("grace@example.com", null, null));
    assertEquals(400, none.statusCode());
    assertEquals("Resume/CV is required.", none.bodyAsJsonObject().getJsonObject("fields").getString("resume"));

    var noCountry = post(ACME_JOB, MultipartForm.create().attribute("first_name", "G").attribute("last_name", "H")
        .attribute("email", "g@example.com").attribute("phone", "4125550100")
        .binaryFileUpload("resume", "cv.txt", Buffer.buffer("resume"), "text/plain"));
    assertEquals(400, noCountry.statusCode());
    assertTrue(noCountry.bodyAsJsonObject().getJsonObject("fields").containsKey("country"));
  }

  @Test
  void serverAnswersStaticAssetsForThePage() {
    assertEquals(200, get("/static/js/sandbox-form.js").statusCode());
    assertEquals(200, get("/static/css/sandbox.css").statusCode());
  }

  @Test
  void loginWallRedirectsTheJobPageToASignInForm() {
    var res = server.client().get(server.port(), "127.0.0.1", LOGIN_WALL).followRedirects(false).send().await();
    assertEquals(302, res.statusCode());
    assertEquals("/sandbox/login?next=%2Fsandbox%2Fjob-boards%2Facme-robotics%2Fjobs%2F4012099", res.getHeader("location"));

    Document login = Jsoup.parse(get(res.getHeader("location")).bodyAsString());
    assertNotNull(login.selectFirst("form#login-form input[type=email][name=email]"));
    assertNotNull(login.selectFirst("form#login-form input[type=password][name=password]"));
    assertEquals("/sandbox/job-boards/acme-robotics/jobs/4012099", login.selectFirst("input[name=next]").val());
    assertNull(login.selectFirst("#application-form"));

    var signIn = server.client().post(server.port(), "127.0.0.1", "/sandbox/login")
        .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("email", "a@example.com").add("password", "x")
            .add("next", "/sandbox/job-boards/acme-robotics/jobs/4012099")).await();
    assertEquals(401, signIn.statusCode());
    assertEquals("Invalid email or password.", Jsoup.parse(signIn.bodyAsString()).getElementById("login-error").text());
    assertEquals(401, post(LOGIN_WALL, simpleApplication("wall@example.com")).statusCode());
  }

  @Test
  void rejectFirstRefusesTheFirstValidSubmissionOfEachEmailAndJob() {
    int before = server.submissions().size();
    String email = "reject+" + System.nanoTime() + "@example.com";

    var first = post(REJECT_FIRST, simpleApplication(email));
    assertEquals(400, first.statusCode(), first.bodyAsString());
    assertEquals("invalid-attributes", first.bodyAsJsonObject().getString("error"));
    assertEquals("Please confirm your phone number", first.bodyAsJsonObject().getJsonObject("fields").getString("phone"));
    assertEquals(before, server.submissions().size(), "a refused submission is not stored");

    var second = post(REJECT_FIRST, simpleApplication(email));
    assertEquals(201, second.statusCode(), second.bodyAsString());
    JsonObject stored = find(server.submissions(), second.bodyAsJsonObject().getLong("submission_id"));
    assertEquals(email, stored.getString("email"));
    assertEquals(5023085L, stored.getLong("job_id"));

    var otherEmail = post(REJECT_FIRST, simpleApplication("other+" + email));
    assertEquals(400, otherEmail.statusCode(), "the first submission of another email is refused too");
    var invalid = post(REJECT_FIRST, simpleApplication("not-an-email"));
    assertTrue(invalid.bodyAsJsonObject().getJsonObject("fields").containsKey("email"), "ordinary checks come first");
  }

  @Test
  void slowScenarioStoresAtOnceAndAnswersAfterTheConfiguredDelay() throws Exception {
    System.setProperty("SANDBOX_SLOW_MS", "1200");
    try {
      String email = "slow+" + System.nanoTime() + "@example.com";
      long start = System.nanoTime();
      var pending = server.client().post(server.port(), "127.0.0.1", SLOW).sendMultipartForm(simpleApplication(email));
      Thread.sleep(600);
      assertFalse(pending.isComplete(), "the answer is still delayed");
      assertTrue(server.submissions().stream().map(JsonObject.class::cast).anyMatch(o -> email.equals(o.getString("email"))),
          "stored before the delayed answer");
      var res = pending.await();
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertEquals(201, res.statusCode(), res.bodyAsString());
      assertTrue(elapsedMs >= 1200, "answered after " + elapsedMs + " ms");
      assertTrue(elapsedMs < 6000, "the small SANDBOX_SLOW_MS was honoured, not the 8 s default: " + elapsedMs + " ms");
    } finally {
      System.clearProperty("SANDBOX_SLOW_MS");
    }
    assertEquals(8000, SandboxRoutes.slowMillis());
  }

  @Test
  void captchaPageShowsAChallengeInsteadOfTheFormAndRefusesPosts() {
    Document doc = Jsoup.parse(get(CAPTCHA).bodyAsString());
    assertNotNull(doc.selectFirst("#captcha-wall .g-recaptcha #recaptcha-anchor[type=checkbox]"));
    assertNull(doc.selectFirst("#application-form"), "no usable form");
    assertTrue(doc.select("script[src^=http], iframe[src^=http]").isEmpty(), "nothing external is loaded");
    var res = post(CAPTCHA, simpleApplication("bot@example.com"));
    assertEquals(428, res.statusCode());
    assertEquals("captcha-failed", res.bodyAsJsonObject().getString("code"));
  }

  @Test
  void everyFieldPageRendersEveryWidgetWithTheApiNames() {
    Document doc = Jsoup.parse(get(EVERY_FIELD).bodyAsString());
    Element form = doc.selectFirst("form#application-form");
    assertNotNull(form.selectFirst("input#question_401208501"), "LinkedIn");
    assertNotNull(form.selectFirst("input#question_401208502"), "how did you hear");
    assertNotNull(form.selectFirst("textarea#question_401208505"), "anything else");
    assertEquals("true", form.selectFirst("input#question_401208503[role=combobox]").attr("aria-required"));
    assertEquals("true", form.selectFirst("input#question_401208504[role=combobox]").attr("aria-required"));
    assertEquals(6, form.select("fieldset.checkbox#question_401208506 input[type=checkbox]").size());
    assertEquals("true", form.selectFirst(".select[data-combobox=question_401208507]").attr("data-multi"));
    Element location = form.selectFirst("input#candidate-location[role=combobox]");
    assertEquals("location", location.attr("data-name"));
    assertEquals("true", location.attr("aria-required"));
    assertNotNull(form.selectFirst("input#latitude[type=hidden]"));
    assertNotNull(form.selectFirst("input#resume[type=file]"));
    assertNotNull(form.selectFirst("input#cover_letter[type=file]"));
    assertTrue(form.selectFirst("input#race").parents().stream().anyMatch(e -> e.hasAttr("hidden")), "race waits for hispanic_ethnicity");
    assertNotNull(form.selectFirst("div.eeoc__container input#hispanic_ethnicity[role=combobox]"));
    assertNotNull(form.selectFirst(".demographic-questions [id=4012085007][role=combobox]"));

    JsonObject job = get(API + "/acme-robotics/jobs/4012085?questions=true").bodyAsJsonObject();
    assertEquals("location", job.getJsonArray("location_questions").getJsonObject(0).getJsonArray("fields").getJsonObject(0).getString("name"));
    assertEquals(4012085007L, job.getJsonObject("demographic_questions").getJsonArray("questions").getJsonObject(0).getLong("id"));
    JsonObject knockout = get(API + "/acme-robotics/jobs/4012092?questions=true").bodyAsJsonObject();
    JsonArray questions = knockout.getJsonArray("questions");
    JsonObject clearance = questions.getJsonObject(questions.size() - 1);
    assertEquals("Do you currently hold an active TS/SCI security clearance?", clearance.getString("label"));
    assertTrue(clearance.getBoolean("required"));
    assertEquals("true", Jsoup.parse(get(KNOCKOUT).bodyAsString()).selectFirst("input#question_401209208").attr("aria-required"));
  }

  @Test
  void everyFieldSubmissionStoresLocationSelectsAndCheckboxesInAnswers() {
    String email = "every+" + System.nanoTime() + "@example.com";
    MultipartForm form = simpleApplication(email)
        .attribute("location", "Pittsburgh, Pennsylvania, United States")
        .attribute("latitude", "40.4406")
        .attribute("longitude", "-79.9959")
        .attribute("question_401208503", "1")
        .attribute("question_401208504", "0")
        .attribute("question_401208506[]", "4012085061")
        .attribute("question_401208506[]", "4012085063")
        .attribute("gender", "2")
        .attribute("4012085007", "4012085102");
    var res = post(EVERY_FIELD, form);
    assertEquals(201, res.statusCode(), res.bodyAsString());
    JsonObject answers = find(server.submissions(), res.bodyAsJsonObject().getLong("submission_id")).getJsonObject("answers");
    assertEquals("Pittsburgh, Pennsylvania, United States", answers.getString("location"));
    assertEquals("40.4406", answers.getString("latitude"));
    assertEquals(new JsonArray().add("4012085061").add("4012085063"), answers.getJsonArray("question_401208506"));
    assertEquals("2", answers.getString("gender"));
    assertEquals("4012085102", answers.getString("4012085007"));

    var missing = post(EVERY_FIELD, simpleApplication("x" + email));
    assertEquals(400, missing.statusCode());
    JsonObject fields = missing.bodyAsJsonObject().getJsonObject("fields");
    assertTrue(fields.containsKey("location") && fields.containsKey("question_401208503") && fields.containsKey("question_401208504"),
        fields.encode());
  }

  @Test
  void classicFormIsAPlainMultipartPostOfJobApplicationNames() {
    Document doc = Jsoup.parse(get(CLASSIC).bodyAsString());
    Element form = doc.selectFirst("form#application_form[method=post][enctype=multipart/form-data]");
    assertNotNull(form);
    assertNull(doc.selectFirst("script"), "no JavaScript needed");
    assertEquals("job_application[first_name]", form.selectFirst("#main_fields input#first_name").attr("name"));
    assertEquals("job_application[resume]", form.selectFirst("#resume_fieldset input[type=file]").attr("name"));
    Element row = form.selectFirst("#custom_fields input[type=hidden][value=603408503]");
    assertEquals("job_application[answers_attributes][2][question_id]", row.attr("name"));
    assertEquals("job_application[answers_attributes][2][boolean_value]",
        form.selectFirst("select#job_application_answers_attributes_2_boolean_value").attr("name"));
    assertNotNull(form.selectFirst("#eeoc_fields select#job_application_gender[name=job_application[gender]]"));
    assertEquals("Submit Application", form.selectFirst("#submit_app").text());

    String email = "classic+" + System.nanoTime() + "@example.com";
    MultipartForm post = MultipartForm.create()
        .attribute("job_application[first_name]", "Grace")
        .attribute("job_application[last_name]", "Hopper")
        .attribute("job_application[email]", email)
        .attribute("job_application[phone]", "412 555 0100")
        .attribute("job_application[answers_attributes][0][question_id]", "603408501")
        .attribute("job_application[answers_attributes][0][text_value]", "https://www.linkedin.com/in/grace")
        .attribute("job_application[answers_attributes][2][question_id]", "603408503")
        .attribute("job_application[answers_attributes][2][boolean_value]", "1")
        .attribute("job_application[gender]", "2")
        .attribute("job_application[race]", "")
        .binaryFileUpload("job_application[resume]", "grace.pdf", Buffer.buffer("%PDF-1.4\n%%EOF\n"), "application/pdf")
        .binaryFileUpload("job_application[cover_letter]", "", Buffer.buffer(), "application/octet-stream");
    var res = post(CLASSIC, post);
    assertEquals(303, res.statusCode(), res.bodyAsString());
    JsonArray all = server.submissions();
    JsonObject stored = all.getJsonObject(all.size() - 1);
    assertEquals(server.url(CLASSIC + "/confirmation"), res.getHeader("location"));
    assertEquals(200, get(CLASSIC + "/confirmation").statusCode());
    assertEquals(email, stored.getString("email"));
    assertEquals("412 555 0100", stored.getString("phone"));
    JsonObject answers = stored.getJsonObject("answers");
    assertEquals("https://www.linkedin.com/in/grace", answers.getString("question_603408501"));
    assertEquals("1", answers.getString("question_603408503"));
    assertEquals("2", answers.getString("gender"));
    assertFalse(answers.containsKey("race"), "an empty select is not an answer");
    assertEquals("resume", stored.getJsonArray("files").getJsonObject(0).getString("field"));

    int before = server.submissions().size();
    var invalid = post(CLASSIC, MultipartForm.create().attribute("job_application[first_name]", "Grace")
        .attribute("job_application[answers_attributes][0][question_id]", "603408501")
        .attribute("job_application[answers_attributes][0][text_value]", "kept"));
    assertEquals(400, invalid.statusCode());
    Document again = Jsoup.parse(invalid.bodyAsString());
    assertTrue(again.getElementById("error_flash").text().contains("Email is required."));
    assertEquals("Email is required.", again.getElementById("email-error").text());
    assertEquals("Grace", again.getElementById("first_name").val(), "values are kept");
    assertEquals("kept", again.getElementById("job_application_answers_attributes_0_text_value").val());
    assertEquals(before, server.submissions().size());
  }

  /** A minimal real DOCX: a ZIP with the package's content types and a word/document.xml part. */
  static byte[] docx(String text) {
    var out = new java.io.ByteArrayOutputStream();
    try (var zip = new java.util.zip.ZipOutputStream(out)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("[Content_Types].xml"));
      zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
          + "wordprocessingml.document.main+xml\"/></Types>").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new java.util.zip.ZipEntry("word/document.xml"));
      zip.write(("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>"
          + "<w:r><w:t>" + text + "</w:t></w:r></w:p></w:body></w:document>").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private static MultipartForm withResume(String email, String filename, byte[] bytes, String contentType) {
    return MultipartForm.create()
        .attribute("first_name", "Grace").attribute("last_name", "Hopper").attribute("email", email)
        .attribute("phone", "+1 412 555 0100").attribute("country", "US")
        .binaryFileUpload("resume", filename, Buffer.buffer(bytes), contentType);
  }

  @Test
  void uploadsAreTakenOnlyWhenTheirBytesAreAPdfADocxOrPlainText() {
    String html = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>";
    String email = "sniff+" + System.nanoTime() + "@example.com";
    int before = server.submissions().size();
    var planted = post(ACME_JOB, withResume(email, "cv.pdf", html.getBytes(StandardCharsets.UTF_8), "application/pdf"));
    assertEquals(400, planted.statusCode(), planted.bodyAsString());
    assertEquals("invalid-attributes", planted.bodyAsJsonObject().getString("error"));
    assertEquals("Invalid file format selected.", planted.bodyAsJsonObject().getJsonObject("fields").getString("resume"),
        "HTML named cv.pdf is refused, naming the field");

    // plain text is taken as text whatever it is called (a script in it is only ever served as a text download)
    var text = post(ACME_JOB, withResume(email, "cv.pdf",
        "Grace Hopper\nCOBOL <script>alert(1)</script>\n".getBytes(StandardCharsets.UTF_8), "application/pdf"));
    assertEquals(201, text.statusCode(), text.bodyAsString());
    long textId = text.bodyAsJsonObject().getLong("submission_id");
    assertEquals("text/plain; charset=utf-8", SandboxRecords.contentType(textId, "resume"), "the bytes decide, not the name or type");
    assertEquals("cv.pdf.txt", find(server.submissions(), textId).getJsonArray("files").getJsonObject(0).getString("filename"));

    byte[] gif = "GIF89a<html><script>alert(1)</script>".getBytes(StandardCharsets.ISO_8859_1);
    gif[6] = 0; // binary header bytes, as in any image or executable
    for (var bad : java.util.List.of(
        withResume(email, "cv.pdf", gif, "application/pdf"),
        withResume(email, "cv.txt", " \n<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8), "text/plain"),
        withResume(email, "cv.txt", "name\u0000<script>".getBytes(StandardCharsets.UTF_8), "text/plain"),
        withResume(email, "cv.docx", zipWithout(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        withResume(email, "cv.txt", new byte[] {(byte) 0xC3, (byte) 0x28}, "text/plain"))) {
      var res = post(ACME_JOB, bad);
      assertEquals(400, res.statusCode(), res.bodyAsString());
      assertEquals("invalid-attributes", res.bodyAsJsonObject().getString("error"));
      assertEquals("Invalid file format selected.", res.bodyAsJsonObject().getJsonObject("fields").getString("resume"));
    }
    assertEquals(before + 1, server.submissions().size(), "only the text was stored");

    var docx = post(ACME_JOB, withResume(email, "resume", docx("Grace Hopper"), "application/octet-stream"));
    assertEquals(201, docx.statusCode(), docx.bodyAsString());
    long docxId = docx.bodyAsJsonObject().getLong("submission_id");
    assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document", SandboxRecords.contentType(docxId, "resume"));
    assertEquals("resume.docx", find(server.submissions(), docxId).getJsonArray("files").getJsonObject(0).getString("filename"));

    var pdf = post(ACME_JOB, withResume(email, "cv.exe", "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII), "text/html"));
    assertEquals(201, pdf.statusCode(), pdf.bodyAsString());
    assertEquals("application/pdf", SandboxRecords.contentType(pdf.bodyAsJsonObject().getLong("submission_id"), "resume"));
  }

  /** A ZIP that is not a Word document (no word/ part). */
  private static byte[] zipWithout() {
    var out = new java.io.ByteArrayOutputStream();
    try (var zip = new java.util.zip.ZipOutputStream(out)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("[Content_Types].xml"));
      zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new java.util.zip.ZipEntry("index.html"));
      zip.write("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  @Test
  void theClassicFormShowsARefusedFileAgainWithItsError() {
    byte[] exe = {'M', 'Z', (byte) 0x90, 0, 3, 0};
    var res = post(CLASSIC, MultipartForm.create()
        .attribute("job_application[first_name]", "Grace").attribute("job_application[last_name]", "Hopper")
        .attribute("job_application[email]", "classic-sniff@example.com")
        .binaryFileUpload("job_application[resume]", "grace.pdf", Buffer.buffer(exe), "application/pdf"));
    assertEquals(400, res.statusCode());
    Document again = Jsoup.parse(res.bodyAsString());
    assertTrue(again.getElementById("error_flash").text().contains("Invalid file format selected."), again.getElementById("error_flash").text());
  }

  @Test
  void pagesCarryNosniffAndTheSandboxCspAndSetNoCookie() {
    for (String path : java.util.List.of(EVERY_FIELD, CLASSIC, CLASSIC + "/confirmation", "/sandbox/login",
        "/static/js/sandbox-form.js", API + "/acme-robotics/jobs")) {
      var res = get(path);
      assertEquals(200, res.statusCode(), path);
      assertEquals("nosniff", res.getHeader("x-content-type-options"), path);
      assertEquals(SandboxVerticle.CSP, res.getHeader("content-security-policy"), path);
      assertNull(res.getHeader("set-cookie"), path);
    }
    // the pages have nothing inline the CSP would block
    for (String path : java.util.List.of(EVERY_FIELD, CLASSIC, CAPTCHA, "/sandbox/login", CLASSIC + "/confirmation")) {
      Document doc = Jsoup.parse(get(path).bodyAsString());
      assertTrue(doc.select("script:not([src]), style, [style]").isEmpty(), path);
      assertTrue(doc.getAllElements().stream().noneMatch(e -> e.attributes().asList().stream()
          .anyMatch(a -> a.getKey().startsWith("on"))), path + " has no inline event handler");
    }
    var nothing = get("/");
    assertEquals(404, nothing.statusCode());
    assertEquals("not-found", nothing.bodyAsJsonObject().getString("error"));
  }

  @Test
  void aBodyOverTheLimitIs413NamingIt() {
    byte[] big = new byte[(int) SandboxRoutes.Limits.DEFAULT.bodyBytes() + 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 9);
    var res = post(ACME_JOB, withResume("big@example.com", "big.pdf", big, "application/pdf"));
    assertEquals(413, res.statusCode());
    assertEquals("payload-too-large", res.bodyAsJsonObject().getString("error"));
    assertTrue(res.bodyAsJsonObject().getString("detail").contains("5 MB"), res.bodyAsString());
  }

  @Test
  void aLongAnswerIsKeptClippedNotA500() {
    String email = "long+" + System.nanoTime() + "@example.com";
    var res = post(ACME_JOB, simpleApplication(email).attribute("question_401201501", "x".repeat(12_000)));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    var huge = post(ACME_JOB, simpleApplication("a".repeat(20_000) + "@" + "b".repeat(20_000)));
    assertEquals(400, huge.statusCode());
    assertTrue(huge.bodyAsJsonObject().getJsonObject("fields").getString("email").startsWith("Please enter a valid email"));
  }

  @Test
  void postsPastTheAddressLimitAre429WithRetryAfter() {
    try (SandboxServer small = SandboxServer.start(new SandboxRoutes.Limits(SandboxRoutes.Limits.DEFAULT.bodyBytes(), 3))) {
      String email = "limit+" + System.nanoTime() + "@example.com";
      for (int i = 0; i < 3; i++) {
        var ok = small.client().post(small.port(), "127.0.0.1", "/sandbox/job-boards/acme-robotics/jobs/" + ACME_JOB)
            .sendMultipartForm(simpleApplication(email)).await();
        assertEquals(201, ok.statusCode(), ok.bodyAsString());
      }
      var refused = small.client().post(small.port(), "127.0.0.1", "/sandbox/job-boards/acme-robotics/jobs/" + ACME_JOB)
          .sendMultipartForm(simpleApplication(email)).await();
      assertEquals(429, refused.statusCode());
      long retry = Long.parseLong(refused.getHeader("retry-after"));
      assertTrue(retry >= 1 && retry <= 20, "Retry-After " + retry);
      assertEquals("too-many-requests", refused.bodyAsJsonObject().getString("error"));
      var login = small.client().post(small.port(), "127.0.0.1", "/sandbox/login")
          .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("email", "a@example.com")).await();
      assertEquals(429, login.statusCode(), "every POST counts");
      assertEquals(200, small.client().get(small.port(), "127.0.0.1", EVERY_FIELD).send().await().statusCode(),
          "reading pages is not limited");
      assertEquals(3, SandboxRecords.ofEmail(email).size());
    }
  }

  // --- the widget postings and the embed ---------------------------------------------------------------

  @Test
  void widgetPostingsKeepTheApiShapeOfAnyPosting() {
    JsonObject job = get(API + "/acme-robotics/jobs/4012113?questions=true").bodyAsJsonObject();
    assertEquals("Software Engineer, Fleet Console", job.getString("title"));
    assertFalse(job.containsKey("sandbox"), "the widget choice never leaves the server");
    assertEquals(server.url(LISTBOX), job.getString("absolute_url"));
    JsonArray questions = job.getJsonArray("questions");
    JsonObject onSite = questions.getJsonObject(questions.size() - 2);
    assertEquals("Are you willing to work on-site in Pittsburgh two days a week?", onSite.getString("label"));
    assertFalse(onSite.getBoolean("required"));
    JsonObject field = onSite.getJsonArray("fields").getJsonObject(0);
    assertEquals("question_401211305", field.getString("name"));
    assertEquals("multi_value_single_select", field.getString("type"));
    assertEquals(new JsonArray().add(new JsonObject().put("label", "Yes").put("value", 1))
        .add(new JsonObject().put("label", "No").put("value", 0)), field.getJsonArray("values"));

    JsonObject connectors = get(API + "/northwind-data/jobs/5023113?questions=true").bodyAsJsonObject();
    JsonObject required = connectors.getJsonArray("questions").getJsonObject(connectors.getJsonArray("questions").size() - 2);
    assertEquals("Are you willing to work from our Amsterdam office two days a week?", required.getString("label"));
    assertTrue(required.getBoolean("required"));

    // the embedded posting's absolute_url is the employer's careers page, in the list and alone
    JsonArray acme = get(API + "/acme-robotics/jobs").bodyAsJsonObject().getJsonArray("jobs");
    JsonObject embedded = acme.stream().map(JsonObject.class::cast).filter(j -> j.getLong("id") == 4012127L).findFirst().orElseThrow();
    assertEquals(server.url(CAREERS), embedded.getString("absolute_url"));
    assertEquals(server.url(CAREERS), get(API + "/acme-robotics/jobs/4012127").bodyAsJsonObject().getString("absolute_url"));
  }

  @Test
  void theListboxPageRendersAnApgSelectOnlyComboboxWithItsListboxEmptyUntilOpened() {
    Document doc = Jsoup.parse(get(LISTBOX).bodyAsString());
    Element combo = doc.selectFirst("form#application-form div#question_401211303");
    assertEquals("combobox", combo.attr("role"));
    assertEquals("0", combo.attr("tabindex"));
    assertEquals("listbox", combo.attr("aria-haspopup"));
    assertEquals("false", combo.attr("aria-expanded"));
    assertEquals("question_401211303-listbox", combo.attr("aria-controls"));
    assertEquals("question_401211303-label", combo.attr("aria-labelledby"));
    assertEquals("Are you legally authorized to work in the United States?", doc.getElementById("question_401211303-label").ownText());
    Element listbox = doc.getElementById("question_401211303-listbox");
    assertEquals("listbox", listbox.attr("role"));
    assertTrue(listbox.children().isEmpty(), "options are rendered on open");
    assertEquals("", doc.selectFirst(".select-only input[type=hidden][name=question_401211303]").val());
    assertNull(doc.selectFirst("input#question_401211303"), "no react-select input for this question");
    assertNotNull(doc.selectFirst("script[src=/static/js/sandbox-listbox.js]"));
    assertNull(doc.selectFirst("script[src=/static/js/sandbox-dropdown.js]"), "only the widgets the page uses");
    assertNotNull(doc.selectFirst("input#country.select__input[role=combobox]"), "the phone's country picker stays react-select");
  }

  @Test
  void thePortalPageRendersAComboboxThatNamesNoListboxAndRadioButtons() {
    Document doc = Jsoup.parse(get(PORTAL).bodyAsString());
    Element input = doc.selectFirst("form#application-form input#question_401212003");
    assertEquals("combobox", input.attr("role"));
    assertEquals("false", input.attr("aria-expanded"));
    assertFalse(input.hasAttr("aria-controls") || input.hasAttr("aria-owns"), "the popover list is not named");
    assertFalse(input.hasAttr("name"), "the text box is not what is posted");
    assertEquals("Are you legally authorized to work in the United States?",
        doc.selectFirst("label[for=question_401212003]").ownText());
    assertNotNull(doc.selectFirst(".dropdown input[type=hidden][name=question_401212003]"));
    assertTrue(doc.select("[role=listbox]").isEmpty(), "no list until the box is focused");
    assertNotNull(doc.selectFirst("script[src=/static/js/sandbox-dropdown.js]"));

    Element radios = doc.selectFirst("fieldset.radio-group#question_401212005");
    assertEquals("Are you willing to work on-site in Boston two days a week?", radios.selectFirst("legend").ownText());
    assertEquals(java.util.List.of("1", "0"), radios.select("input[type=radio][name=question_401212005]").eachAttr("value"));
    assertEquals(java.util.List.of("Yes", "No"), radios.select("label").eachText());
    assertTrue(radios.select("input[required]").isEmpty(), "optional here");

    Document connectors = Jsoup.parse(get(RADIOS).bodyAsString());
    assertEquals(3, connectors.select("fieldset.radio-group").size());
    assertEquals(2, connectors.select("fieldset#question_502311305 input[type=radio][required]").size(), "required here");
    Document mixed = Jsoup.parse(get(MIXED).bodyAsString());
    assertNotNull(mixed.selectFirst("div#question_502312003[role=combobox][aria-controls]"));
    assertNotNull(mixed.selectFirst("input#question_502312004[role=combobox]:not([aria-controls])"));
    assertNotNull(mixed.selectFirst("fieldset.radio-group#question_502312005"));
    for (Document d : java.util.List.of(doc, connectors, mixed)) {
      assertTrue(d.select("script:not([src]), style, [style]").isEmpty(), "nothing inline for the CSP to block");
    }
  }

  @Test
  void aPostOfTheWidgetsHiddenValuesIsStoredAndAMissingRequiredAnswerIsNamed() {
    String email = "widgets+" + System.nanoTime() + "@example.com";
    var res = post(RADIOS, simpleApplication(email)
        .attribute("question_502311303", "1").attribute("question_502311304", "0").attribute("question_502311305", "1"));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    JsonObject answers = find(server.submissions(), res.bodyAsJsonObject().getLong("submission_id")).getJsonObject("answers");
    assertEquals("1", answers.getString("question_502311303"));
    assertEquals("0", answers.getString("question_502311304"));
    assertEquals("1", answers.getString("question_502311305"));

    int before = server.submissions().size();
    var missing = post(RADIOS, simpleApplication("missing+" + email).attribute("question_502311303", "1"));
    assertEquals(400, missing.statusCode());
    JsonObject fields = missing.bodyAsJsonObject().getJsonObject("fields");
    assertEquals("Are you willing to work from our Amsterdam office two days a week? is required.",
        fields.getString("question_502311305"));
    assertEquals(1, fields.size(), fields.encode());

    // the label painted where the value belongs is not an answer
    var painted = post(LISTBOX, simpleApplication("painted+" + email).attribute("question_401211303", "Yes"));
    assertEquals(400, painted.statusCode());
    assertEquals("Please enter a valid Are you legally authorized to work in the United States?.",
        painted.bodyAsJsonObject().getJsonObject("fields").getString("question_401211303"));
    assertEquals(before, server.submissions().size());
  }

  @Test
  void theCareersPageFramesTheClassicFormWhichPostsAndConfirmsInTheFrame() {
    var careers = get(CAREERS);
    assertEquals(200, careers.statusCode());
    assertEquals(SandboxVerticle.CSP, careers.getHeader("content-security-policy"));
    assertTrue(SandboxVerticle.CSP.contains("frame-src 'self'"), "the page may frame the board");
    Document page = Jsoup.parse(careers.bodyAsString());
    assertEquals("Careers at Acme Robotics", page.title());
    assertNotNull(page.selectFirst("main div#grnhse_app"));
    assertEquals("acme-robotics", page.selectFirst("script[src=/static/js/sandbox-embed.js]").attr("data-for"));
    assertTrue(page.select("a[href=" + CAREERS + "]").size() == 1, "the openings link to gh_jid");
    assertTrue(page.select("script:not([src]), style, [style]").isEmpty());

    Document frame = Jsoup.parse(get(EMBED_JOB_APP).bodyAsString());
    Element form = frame.selectFirst("form#application_form[method=post]");
    assertEquals(EMBED_JOB_APP, form.attr("action"));
    assertEquals("job_application[first_name]", form.selectFirst("input#first_name").attr("name"));
    assertNotNull(frame.selectFirst("script[src=/static/js/sandbox-embed-frame.js]"));
    Element onSite = form.selectFirst("#custom_fields input[type=hidden][value=401212705]");
    assertNotNull(onSite, "the on-site question is a classic answers row");

    String email = "embed+" + System.nanoTime() + "@example.com";
    MultipartForm post = MultipartForm.create()
        .attribute("job_application[first_name]", "Grace").attribute("job_application[last_name]", "Hopper")
        .attribute("job_application[email]", email).attribute("job_application[phone]", "412 555 0100")
        .attribute(onSite.attr("name"), "401212705")
        .attribute(onSite.attr("name").replace("[question_id]", "[boolean_value]"), "0")
        .binaryFileUpload("job_application[resume]", "grace.pdf", Buffer.buffer("%PDF-1.4\n%%EOF\n"), "application/pdf");
    var res = post(EMBED_JOB_APP, post);
    assertEquals(303, res.statusCode(), res.bodyAsString());
    assertEquals(server.url("/sandbox/embed/confirmation?for=acme-robotics&token=4012127"), res.getHeader("location"));
    JsonObject stored = SandboxRecords.ofEmail(email).getJsonObject(0);
    assertEquals(4012127L, stored.getLong("job_id"));
    assertEquals("0", stored.getJsonObject("answers").getString("question_401212705"));
    Document thanks = Jsoup.parse(get(res.getHeader("location")).bodyAsString());
    assertEquals("Thank you for applying", thanks.getElementById("confirmation-title").text());
    assertEquals("_top", thanks.selectFirst("a.link").attr("target"), "the way back leaves the frame");

    var invalid = post(EMBED_JOB_APP, MultipartForm.create().attribute("job_application[first_name]", "Grace"));
    assertEquals(400, invalid.statusCode());
    Document again = Jsoup.parse(invalid.bodyAsString());
    assertTrue(again.getElementById("error_flash").text().contains("Email is required."));
    assertEquals(EMBED_JOB_APP, again.selectFirst("form#application_form").attr("action"), "the errors stay in the frame");
    assertEquals(1, SandboxRecords.ofEmail(email).size());
  }

  @Test
  void badCareersAndEmbedAddressesAreNamed4xx() {
    assertEquals(404, get("/sandbox/company/nope/careers").statusCode());
    var unknownJob = get("/sandbox/company/acme-robotics/careers?gh_jid=999");
    assertEquals(404, unknownJob.statusCode());
    assertTrue(unknownJob.bodyAsJsonObject().getString("detail").contains("'999'"));
    assertEquals(400, get("/sandbox/company/acme-robotics/careers?gh_jid=abc").statusCode());
    assertEquals(200, get("/sandbox/company/acme-robotics/careers").statusCode(), "the careers page lists the openings");
    var noToken = get("/sandbox/embed/job_app?for=acme-robotics");
    assertEquals(400, noToken.statusCode());
    assertTrue(noToken.bodyAsJsonObject().getString("detail").contains("'token'"));
    assertEquals(404, get("/sandbox/embed/job_app?for=nope&token=4012127").statusCode());
    assertEquals(400, get("/sandbox/embed/job_app?for=acme-robotics&token=x1").statusCode());
    assertEquals(404, get("/sandbox/embed/job_app?for=northwind-data&token=4012127").statusCode());
  }

  private static JsonObject find(JsonArray all, long id) {
    for (int i = 0; i < all.size(); i++) {
      if (all.getJsonObject(i).getLong("id") == id) {
        return all.getJsonObject(i);
      }
    }
    return null;
  }
}
