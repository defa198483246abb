package io.applyflow.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContactTest {
  private static JsonObject sample() {
    try (InputStream in = ContactTest.class.getResourceAsStream("/jsonresume/sample.resume.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Contact of(JsonObject applicant) {
    return Contact.of(new JsonObject().put("resume", sample()).put("applicant", applicant));
  }

  @Test
  void theResumeAloneGivesItsBasics() {
    Contact c = of(new JsonObject());
    assertEquals("Richard Hendriks", c.name());
    assertEquals("Richard", c.firstName());
    assertEquals("Hendriks", c.lastName());
    assertNull(c.preferredName());
    assertEquals("richard.hendriks@mail.com", c.email());
    assertEquals("(912) 555-4321", c.phone());
    assertEquals("San Francisco, California", c.location());
    assertEquals(List.of("http://richardhendricks.example.com", "https://www.twitter.com",
        "https://soundcloud.example.com/dandymusicnl"), c.links().stream().map(Contact.Link::url).toList());
    assertEquals(List.of("Website", "Twitter", "SoundCloud"), c.links().stream().map(Contact.Link::label).toList());
  }

  @Test
  void theApplicantsPhoneWinsEverywhere() {
    Contact c = of(new JsonObject().put("phone", "+1 555 0100"));
    assertEquals("+1 555 0100", c.phone());
    assertEquals("richard.hendriks@mail.com", c.email(), "the rest stays the resume's");
  }

  @Test
  void oneGivenNameChangesTheFormButNotTheDocumentsName() {
    Contact first = of(new JsonObject().put("first_name", "Rich"));
    assertEquals("Rich", first.firstName());
    assertEquals("Hendriks", first.lastName(), "the rest of basics.name");
    assertEquals("Richard Hendriks", first.name());

    Contact both = of(new JsonObject().put("first_name", "Rich").put("last_name", "Hendricks-Smith")
        .put("preferred_name", "Ricky"));
    assertEquals("Rich Hendricks-Smith", both.name(), "both names given: the documents use them");
    assertEquals("Ricky", both.preferredName());
  }

  @Test
  void blankApplicantValuesCountAsAbsent() {
    Contact c = of(new JsonObject().put("phone", "  ").put("first_name", "").put("last_name", " "));
    assertEquals("(912) 555-4321", c.phone());
    assertEquals("Richard", c.firstName());
    assertEquals("Richard Hendriks", c.name());
  }

  @Test
  void applicantLinksReplaceTheResumeLinkOfTheirKindOrAreAdded() {
    Contact c = of(new JsonObject().put("links", new JsonObject().put("linkedin", "https://linkedin.com/in/rh")
        .put("website", "https://piedpiper.example.com/richard")));
    assertEquals(List.of("https://piedpiper.example.com/richard", "https://www.twitter.com",
        "https://soundcloud.example.com/dandymusicnl", "https://linkedin.com/in/rh"),
        c.links().stream().map(Contact.Link::url).toList());
    assertEquals("Website", c.links().get(0).label());
    assertEquals("LinkedIn", c.links().get(3).label());
    assertEquals(Optional.of("https://linkedin.com/in/rh"), c.link("linkedin").map(Contact.Link::url));
    assertEquals(Optional.of("links.website"), c.link("website").map(Contact.Link::source));
    assertTrue(c.link("github").isEmpty());
  }

  @Test
  void aResumeProfileOfTheNetworkIsTheFormsLinkAndTheApplicantsReplacesIt() {
    JsonObject resume = sample();
    resume.getJsonObject("basics").getJsonArray("profiles")
        .add(new JsonObject().put("network", "GitHub").put("url", "https://github.com/rh"));
    Contact fromResume = Contact.of(new JsonObject().put("resume", resume));
    assertEquals(Optional.of("basics.profiles[2]"), fromResume.link("github").map(Contact.Link::source));
    assertEquals(Optional.of("basics.url"), fromResume.link("website").map(Contact.Link::source));

    Contact given = Contact.of(new JsonObject().put("resume", resume)
        .put("applicant", new JsonObject().put("links", new JsonObject().put("github", "https://github.com/richard"))));
    assertEquals(4, given.links().size(), "replaced, not added");
    assertEquals("GitHub", given.links().get(3).label());
    assertEquals(Optional.of("https://github.com/richard"), given.link("github").map(Contact.Link::url));
  }

  @Test
  void aLocationStringIsTakenAsWrittenAndMissingPartsAreNull() {
    JsonObject resume = new JsonObject()
        .put("basics", new JsonObject().put("name", "Ada").put("location", "Remote, EU"));
    Contact c = Contact.of(new JsonObject().put("resume", resume));
    assertEquals("Remote, EU", c.location());
    assertEquals("Ada", c.firstName());
    assertNull(c.lastName());
    assertNull(c.phone());
    assertTrue(c.links().isEmpty());
    Contact empty = Contact.of((JsonObject) null);
    assertNull(empty.name());
    assertNull(empty.email());
  }

  @Test
  void theJacksonAndVertxViewsOfAProfileResolveAlike() throws IOException {
    JsonObject applicant = new JsonObject().put("phone", "+1 555 0100").put("first_name", "Rich")
        .put("links", new JsonObject().put("github", "https://github.com/richard"));
    ObjectMapper json = new ObjectMapper();
    Contact fromTrees = Contact.of(json.readTree(sample().encode()), json.readTree(applicant.encode()));
    assertEquals(of(applicant), fromTrees);
  }
}
