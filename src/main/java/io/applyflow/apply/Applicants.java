package io.applyflow.apply;

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

  static ApplicantData from(JsonObject profile) {
    JsonObject resume = profile.getJsonObject("resume", new JsonObject());
    JsonObject basics = resume.getJsonObject("basics", new JsonObject());
    JsonObject a = profile.getJsonObject("applicant", new JsonObject());
    String name = basics.getString("name", "").trim();
    int space = name.indexOf(' ');
    String first = a.getString("first_name", space < 0 ? name : name.substring(0, space));
    String last = a.getString("last_name", space < 0 ? "" : name.substring(space + 1).trim());
    String phone = a.getString("phone", basics.getString("phone"));
    String country = a.getString("phone_country");
    if (country == null) {
      JsonObject loc = basics.getJsonObject("location");
      String code = loc == null ? null : loc.getString("countryCode");
      country = code == null ? null : COUNTRIES.get(code.toUpperCase(Locale.ROOT));
    }
    return new ApplicantData(first, last, a.getString("preferred_name"), basics.getString("email"), phone, country);
  }
}
