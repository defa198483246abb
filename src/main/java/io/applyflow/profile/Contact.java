package io.applyflow.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The applicant's contact details, resolved once from a profile so that everything Applyflow shows or sends
 * agrees: the resume PDF's header, the cover letter's contact line and the application form. Before this, the
 * PDF printed the resume's phone while the form typed the applicant's, and an employer received two numbers.
 *
 * <p>The applicant object ({@code profile.applicant}, what the user told Applyflow for applications) overrides the
 * JSON Resume's {@code basics}, field by field; a blank value counts as absent:
 * <ul>
 *   <li>{@code phone}: {@code applicant.phone}, else {@code basics.phone};</li>
 *   <li>{@code email}: {@code applicant.email}, else {@code basics.email};</li>
 *   <li>{@code location}: {@code applicant.location}, else {@code basics.location} as written when it is a string,
 *       else its "city, region";</li>
 *   <li>form names: {@code firstName} is {@code applicant.first_name}, else {@code basics.name} up to its first
 *       space; {@code lastName} is {@code applicant.last_name}, else the rest of {@code basics.name};
 *       {@code preferredName} is {@code applicant.preferred_name} only;</li>
 *   <li>{@code name}, printed on the PDFs and naming their files: {@code basics.name}, unless the applicant gave both
 *       a first and a last name, then "first last" (one of them alone is how a form should address the user, not
 *       a reason to reprint the resume under another name);</li>
 *   <li>{@code links}: {@code basics.url} ("Website") then {@code basics.profiles} in order, one per address; an
 *       applicant link ({@code applicant.links.linkedin|github|portfolio|website}) replaces the address of the
 *       resume link a form would otherwise use for that kind ({@link #link}) or, when there is none, is added.</li>
 * </ul>
 * {@code applicant.email} and {@code applicant.location} are read when present, though the profile validator does
 * not accept them yet, so today they always come from the resume.
 *
 * <p>Pure and immutable. Reads a Vert.x {@link JsonObject} profile (the apply side) or Jackson trees (the tailor
 * side reads the resume as a {@link JsonNode}); both go through the same rules.
 *
 * @param name          the name printed on the documents; may be null
 * @param firstName     the form's first name; may be null
 * @param lastName      the form's last name; may be null
 * @param preferredName the form's preferred name; may be null
 * @param email         may be null
 * @param phone         may be null
 * @param location      may be null
 * @param links         in header order
 */
public record Contact(String name, String firstName, String lastName, String preferredName, String email,
    String phone, String location, List<Link> links) {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** The link kinds a form asks for, in the order an applicant's additions are appended. */
  public static final List<String> LINK_KINDS = List.of("linkedin", "github", "portfolio", "website");
  private static final Map<String, String> KIND_LABELS = Map.of("linkedin", "LinkedIn", "github", "GitHub",
      "portfolio", "Portfolio", "website", "Website");

  /**
   * One address of the contact line.
   *
   * @param kind   {@code linkedin}, {@code github}, {@code portfolio}, {@code website}, or null for another network
   * @param label  what the header calls it: the resume's network ("Twitter"), or the kind's name
   * @param url    the address as written
   * @param source where it comes from, as a profile path: {@code basics.url}, {@code basics.profiles[1]},
   *               {@code links.github}
   */
  public record Link(String kind, String label, String url, String source) {
  }

  public Contact {
    links = links == null ? List.of() : List.copyOf(links);
  }

  /** Resolves {@code {"resume": <JSON Resume>, "applicant": {...}}}; null or missing parts count as empty. */
  public static Contact of(JsonObject profile) {
    JsonObject p = profile == null ? new JsonObject() : profile;
    return of(tree(p.getValue("resume")), tree(p.getValue("applicant")));
  }

  /** Resolves a JSON Resume document and an applicant object; either may be null. */
  public static Contact of(JsonNode resume, JsonNode applicant) {
    JsonNode basics = resume == null ? MissingNode.getInstance() : resume.path("basics");
    JsonNode a = applicant == null ? MissingNode.getInstance() : applicant;
    String resumeName = text(basics.path("name"));
    String split = resumeName == null ? "" : resumeName;
    int space = split.indexOf(' ');
    String givenFirst = text(a.path("first_name"));
    String givenLast = text(a.path("last_name"));
    String first = givenFirst != null ? givenFirst : blankToNull(space < 0 ? split : split.substring(0, space));
    String last = givenLast != null ? givenLast : blankToNull(space < 0 ? "" : split.substring(space + 1).strip());
    String name = givenFirst != null && givenLast != null ? givenFirst + " " + givenLast : resumeName;
    return new Contact(name, first, last, text(a.path("preferred_name")),
        or(text(a.path("email")), text(basics.path("email"))),
        or(text(a.path("phone")), text(basics.path("phone"))),
        or(text(a.path("location")), location(basics.path("location"))),
        links(basics, a.path("links")));
  }

  /**
   * The address a form gets for a link question of this kind: the applicant's, else the first resume profile of
   * that network, else {@code basics.url} for a website. The header shows the same address.
   */
  public Optional<Link> link(String kind) {
    for (Link l : links) {
      if (kind.equals(l.kind()) && !"basics.url".equals(l.source())) {
        return Optional.of(l);
      }
    }
    return "website".equals(kind)
        ? links.stream().filter(l -> "basics.url".equals(l.source())).findFirst()
        : Optional.empty();
  }

  /**
   * The link kind a network name or label word stands for ("LinkedIn" → linkedin, "blog" → website), or null.
   */
  public static String kindOf(String word) {
    String w = word == null ? "" : word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    return switch (w) {
      case "linkedin" -> "linkedin";
      case "github" -> "github";
      case "portfolio" -> "portfolio";
      case "website", "site", "web", "homepage", "blog", "personalwebsite" -> "website";
      default -> null;
    };
  }

  private static List<Link> links(JsonNode basics, JsonNode given) {
    List<Link> out = new ArrayList<>();
    String url = text(basics.path("url"));
    if (url != null) {
      out.add(new Link("website", "Website", url, "basics.url"));
    }
    JsonNode profiles = basics.path("profiles");
    for (int i = 0; i < profiles.size(); i++) {
      JsonNode p = profiles.path(i);
      String u = text(p.path("url"));
      if (u != null) {
        String network = text(p.path("network"));
        out.add(new Link(kindOf(network), network == null ? "Profile" : network, u, "basics.profiles[" + i + "]"));
      }
    }
    List<Link> resolved = new ArrayList<>(dedupe(out));
    for (String kind : LINK_KINDS) {
      String own = text(given.path(kind));
      if (own == null) {
        continue;
      }
      Optional<Link> replaced = new Contact(null, null, null, null, null, null, null, resolved).link(kind);
      Link mine = new Link(kind, replaced.map(Link::label).orElse(KIND_LABELS.get(kind)), own, "links." + kind);
      if (replaced.isPresent()) {
        resolved.set(resolved.indexOf(replaced.get()), mine);
      } else {
        resolved.add(mine);
      }
    }
    return dedupe(resolved);
  }

  /** One link per address, the first one kept. */
  private static List<Link> dedupe(List<Link> links) {
    Set<String> seen = new HashSet<>();
    return links.stream().filter(l -> seen.add(l.url())).toList();
  }

  /** "city, region" from a JSON Resume location object; a plain string is taken as written; null when empty. */
  public static String location(JsonNode loc) {
    if (loc.isTextual()) {
      return text(loc);
    }
    List<String> parts = new ArrayList<>();
    for (String field : List.of("city", "region")) {
      String t = text(loc.path(field));
      if (t != null) {
        parts.add(t);
      }
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  /** Through the encoded text: a JsonObject's map may hold nested JsonObjects, which Jackson cannot walk. */
  private static JsonNode tree(Object value) {
    if (!(value instanceof JsonObject j)) {
      return MissingNode.getInstance();
    }
    try {
      return MAPPER.readTree(j.encode());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The node's text, stripped, or null when it is missing, not a string, or blank. */
  private static String text(JsonNode n) {
    return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText().strip() : null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String or(String first, String second) {
    return first != null ? first : second;
  }
}
