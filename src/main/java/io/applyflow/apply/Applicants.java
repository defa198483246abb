package io.applyflow.apply;

import io.applyflow.profile.Contact;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;

/** What the form filler types, taken only from the user's profile: nothing is guessed. */
final class Applicants {
  private static final Map<String, String> COUNTRIES = Map.ofEntries(
      Map.entry("US", "United States"), Map.entry("CA", "Canada"), Map.entry("GB", "United Kingdom"),
      Map.entry("UK", "United Kingdom"), Map.entry("IE", "Ireland"), Map.entry("DE", "Germany"),
      Map.entry("FR", "France"), Map.entry("NL", "Netherlands"), Map.entry("ES", "Spain"), Map.entry("IT", "Italy"),
      Map.entry("IN", "India"), Map.entry("AU", "Australia"), Map.entry("NZ", "New Zealand"),
      Map.entry("BR", "Brazil"), Map.entry("MX", "Mexico"), Map.entry("JP", "Japan"), Map.entry("SG", "Singapore"),
      Map.entry("PL", "Poland"), Map.entry("PT", "Portugal"), Map.entry("SE", "Sweden"), Map.entry("CH", "Switzerland"));

  private Applicants() {
  }

  /** Where the phone country comes from: the applicant's own answer, or the resume's country code. */
  static String countryProvenance(JsonObject profile) {
    return profile.getJsonObject("applicant", new JsonObject()).getString("phone_country") != null
        ? "profile:phone_country" : "profile:basics.location.countryCode";
  }

  /** The form's values: names, email and phone from the profile's {@link Contact}, and the phone country. */
  static ApplicantData from(JsonObject profile) {
    Contact contact = Contact.of(profile);
    JsonObject basics = profile.getJsonObject("resume", new JsonObject()).getJsonObject("basics", new JsonObject());
    String country = profile.getJsonObject("applicant", new JsonObject()).getString("phone_country");
    if (country == null) {
      JsonObject loc = basics.getValue("location") instanceof JsonObject l ? l : null;
      String code = loc == null ? null : loc.getString("countryCode");
      country = code == null ? null : COUNTRIES.get(code.toUpperCase(Locale.ROOT));
    }
    return new ApplicantData(contact.firstName(), contact.lastName(), contact.preferredName(), contact.email(),
        contact.phone(), country);
  }
}
